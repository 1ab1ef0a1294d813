# The v6ready CLI in a container: docker build -t v6ready . && docker run --rm -v "$PWD:/src" v6ready scan .
# Built from this repository with the .NET 10 SDK image; the result runs on the .NET 10 runtime image (ReadyToRun).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /repo
COPY . .
RUN rid="linux-$([ "$TARGETARCH" = "arm64" ] && echo arm64 || echo x64)" && \
    dotnet publish src/V6Ready.Cli -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o /opt/v6ready

FROM mcr.microsoft.com/dotnet/runtime:10.0
COPY --from=build /opt/v6ready /opt/v6ready
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
WORKDIR /src
ENTRYPOINT ["/opt/v6ready/v6ready"]
CMD ["scan", "."]

using V6Ready.Bench;
using V6Ready.Python.Syntax;

// Python parse harness: the shared bench/common/ParseBench.cs with the project's Python parser (see ../run.sh).
// MB/s are in 10^6 bytes, the unit of the peer (../astparse.py).
return new ParseBench
{
    Name = "PyParseHarness",
    Extension = ".py",
    BytesPerMB = 1e6,
    Parse = src => Parser.Parse(src) is { Errors: var e } && e.Count > 0 ? new ParseOutcome(e.Count, e[0].Pos, e[0].Message) : default,
    FrontEnd = new V6Ready.Python.PythonFrontEnd(),
}.Run(args);

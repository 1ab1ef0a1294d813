"""Upstream services of the inventory service."""

from pydantic_settings import BaseSettings


class Upstreams(BaseSettings):
    # a pydantic settings field: the environment may override it, so the finding has medium confidence
    cache: str = "10.0.0.40"
    cache_port: int = 6379


upstreams = Upstreams()

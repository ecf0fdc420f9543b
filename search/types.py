"""Value types shared by the search service and its backends."""

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class BackendHealth:
    """A backend's state as /healthz and `pgb search status` report it."""

    backend: str
    status: str  # "ok", "degraded" or "error"
    detail: str = ""

    def as_dict(self) -> dict:
        return asdict(self)

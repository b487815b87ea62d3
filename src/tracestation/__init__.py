"""TraceStation: a shop-floor operator station for lot and serial traceability."""

__version__ = "0.1.0"

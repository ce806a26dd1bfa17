"""The verification page of ``esign serve`` (issue 13): anyone with a letter checks it.

Starlette + Jinja2 templates + one stylesheet, no script; thin over :mod:`esign.app` like
the CLI: ``create_app(WebConfig(...))`` is the ASGI application, :mod:`esign.web.serving`
runs it with uvicorn beside the TSA/OCSP/CRL server.
"""

from esign.web.app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]

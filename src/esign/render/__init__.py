"""One report, many views: terminal (rich), JSON, HTML, PDF, and the wording they share."""

"""The Content-Security-Policy every page carries, and what it lets a browser load or run.

The policy is written once, here. The template writes it into every page's `<head>`
(overrides/main.html), the README gives it to hosts that can send headers, and the net
(published_check.py) reads it through `Policy`: whatever it would block in a reader's
browser (an inline style, a load from another host) is refused at the build instead, so
that the preview (`mkdocs serve` sends no policy) and the published site never differ.
"""

from dataclasses import dataclass

from ..addresses import names_host, scheme_of

CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"

# The directives that fall back to default-src where the policy does not name them.
FETCH_DIRECTIVES = {"script-src", "style-src", "img-src", "font-src", "media-src", "frame-src", "object-src",
                    "manifest-src", "connect-src", "child-src", "worker-src"}


@dataclass(frozen=True)
class Policy:
    text: str  # as the pages carry it
    directives: dict[str, tuple[str, ...]]

    @classmethod
    def parse(cls, text: str = CONTENT_SECURITY_POLICY) -> "Policy":
        directives = {}
        for part in text.split(";"):
            name, *sources = part.split()
            if name:
                directives.setdefault(name.lower(), tuple(source.lower() for source in sources))
        return cls(text, directives)

    def sources(self, directive: str) -> tuple[str, ...]:
        if directive in self.directives:
            return self.directives[directive]
        if directive in FETCH_DIRECTIVES:
            return self.directives.get("default-src", ("*",))
        return ("*",)

    def allows_inline(self, directive: str) -> bool:
        """Whether inline code of this kind runs: `<style>` and style="" (style-src), `<script>` (script-src)."""
        return "'unsafe-inline'" in self.sources(directive)

    def allows(self, directive: str, address: str) -> bool:
        """Whether a page may load `address` under this directive: one of the site's own files
        ('self'), a scheme the directive names (`data:`), or a host it names."""
        sources = self.sources(directive)
        if "*" in sources:
            return True
        scheme = scheme_of(address)
        if names_host(address):
            host = address.strip().split("//", 1)[1].split("/", 1)[0].lower()
            return host in sources or (scheme is not None and f"{scheme.lower()}:" in sources)
        if scheme is not None:
            return f"{scheme.lower()}:" in sources
        return "'self'" in sources

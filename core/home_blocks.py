"""Blocks a desk adds to the home page, which the newsroom shows without importing the desk.

A desk registers a block in its AppConfig.ready(): the template that shows it and a function of
the request that fetches what it shows. HomePage.get_context() calls each function once, before
rendering, so the block's template only displays: it receives the function's dict as
`home_block`.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HomeBlock:
    template: str
    fetch: Callable[..., dict]


_registered: list[HomeBlock] = []


def register_home_block(template, fetch):
    """Show `template` on the home page with `fetch(request)` as `home_block` (once, however
    often ready() runs)."""
    block = HomeBlock(template, fetch)
    if block not in _registered:
        _registered.append(block)


def home_blocks(request):
    """[(template, data)] of every registered block, in the order the desks registered them."""
    return [(block.template, block.fetch(request)) for block in _registered]

"""One page of a longer list, as the `pagination` template macro reads it."""
from dataclasses import dataclass


@dataclass
class Page:
    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self):
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages


MAX_PAGE = 10**6  # far past any list; bounds the OFFSET a request can ask the database for


def requested_page(args):
    """The `?page=` asked for in `args`, within 1..MAX_PAGE (junk means the first page)."""
    page = args.get("page", 1, type=int) or 1
    return max(1, min(page, MAX_PAGE))

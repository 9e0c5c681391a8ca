"""Steps a person takes in the family view, and checks of its screens (shared by the browser tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from tests.web.conftest import layout_problems

F = "window.familyDebug"

# Every visible control's box: buttons, fields, tabs, links.
TARGETS_JS = """() => Array.from(document.querySelectorAll('button, input, select, textarea, a, .tab'))
  .filter(el => !el.closest('[hidden]') && el.getClientRects().length > 0)
  .map(el => { const r = el.getBoundingClientRect();
    return { what: el.id || el.dataset.t || el.name || el.textContent.trim().slice(0, 12),
             w: r.width, h: r.height,
             tag: el.tagName }; })"""


def small_targets(page: Page) -> list[dict[str, Any]]:
    """Controls smaller than 64x64 CSS px (links in running text excepted: the pairing link is text)."""
    found: list[dict[str, Any]] = page.evaluate(TARGETS_JS)
    return [t for t in found if t["tag"] != "A" and (t["h"] < 64 - 0.5 or t["w"] < 64 - 0.5)]


def check_screen(page: Page, shots: Path, name: str, selectors: list[str] | None = None) -> None:
    """A screenshot, then: text >= 20 px, targets >= 64 px, nothing overflowing or clipped, the tabs
    in one row. The full-page shot is taken from the top of the page (then the scroll is put back):
    taken scrolled, it draws the sticky tabs in the middle of the page, over whatever is there."""
    y = page.evaluate("window.scrollY")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    page.evaluate(f"window.scrollTo(0, {y})")
    assert tab_rows(page) in (0, 1), (name, "the tabs wrap", tab_rows(page))
    problems = layout_problems(page, selectors or [".tabs"], min_font_px=20)
    assert not problems, (name, problems)
    assert not small_targets(page), (name, small_targets(page))
    assert page.js_errors == [], page.js_errors  # type: ignore[attr-defined]


def tab_rows(page: Page) -> int:
    """How many rows the visible tabs take (0: none shown); the tab row must not scroll sideways."""
    tops: list[float] = page.evaluate("""() => Array.from(document.querySelectorAll('.tab'))
      .filter(t => t.getClientRects().length > 0).map(t => Math.round(t.getBoundingClientRect().top))""")
    row = page.evaluate("(n => n.scrollWidth - n.clientWidth)(document.querySelector('.tabs'))")
    assert row <= 0, f"the tab row scrolls sideways by {row} px"
    return len(set(tops))


def open_family(page: Page, link: str) -> None:
    """Open a pairing link meant for a family member: the page pairs, then opens the family view."""
    page.goto(link)
    page.wait_for_url("**/family.html", timeout=20_000)
    page.wait_for_function(f"{F} && {F}.ready === true", timeout=20_000)


def tab(page: Page, name: str) -> None:
    page.click(f".tab[data-tab={name}]")
    page.wait_for_selector(f".tab[data-tab={name}][aria-current=page]")


def add_elder(page: Page, fields: dict[str, str]) -> None:
    tab(page, "elders")
    page.click("#screen-elders [data-go=elder-form]")
    form = "#elder-form"
    for key, value in fields.items():
        if key in ("language", "speed", "volume"):
            page.select_option(f"{form} [name={key}]", value)
        else:
            page.fill(f"{form} [name={key}]", value)
    page.click(f"{form} button[type=submit]")


def shown_link(page: Page) -> str:
    page.wait_for_selector("#screen-link:not([hidden])")
    page.wait_for_function("document.querySelector('#link-qr').naturalWidth > 0")
    return str(page.get_attribute("#link-url", "href"))


def notice(page: Page) -> str:
    page.wait_for_selector("#notice:not([hidden])")
    return page.inner_text("#notice")

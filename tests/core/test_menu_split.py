"""The sections menu's bar and "Thêm" (core/navigation.py): what the reader sees where."""

from core.navigation import BAR_CHARACTERS, split_menu


def _items(*titles):
    return [(title, f"/muc-{number}/", number) for number, title in enumerate(titles)]


def test_a_menu_that_fits_has_no_more():
    items = _items("Thời sự", "Kinh tế", "Xã hội")
    menu = split_menu(items)
    assert (menu.bar, menu.more) == (items, [])


def test_a_long_menu_keeps_its_order_and_sends_the_rest_under_more():
    titles = [f"Chuyên mục thứ {number}" for number in range(1, 13)]
    menu = split_menu(_items(*titles))
    assert menu.bar and menu.more
    assert [t for t, *_ in menu.bar + menu.more] == titles
    used = sum(len(t) + 4 for t in ["Trang chủ", "Thêm"] + [t for t, *_ in menu.bar])
    assert used <= BAR_CHARACTERS < used + len(menu.more[0][0]) + 4

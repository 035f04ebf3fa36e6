/*
 * The sections menu's "Thêm": a <details> that opens and closes without this script. With it,
 * it also closes as a dropdown menu does: on Escape (focus back on "Thêm"), on a click elsewhere,
 * and when the focus leaves it.
 */
(function () {
    "use strict";

    var more = document.querySelector(".site-nav__more");
    if (!more) {
        return;
    }
    var summary = more.querySelector("summary");

    more.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && more.open) {
            more.open = false;
            summary.focus();
        }
    });
    more.addEventListener("focusout", function (event) {
        if (event.relatedTarget && !more.contains(event.relatedTarget)) {
            more.open = false;
        }
    });
    document.addEventListener("click", function (event) {
        if (more.open && !more.contains(event.target)) {
            more.open = false;
        }
    });
})();

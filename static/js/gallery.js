/*
 * Photo story gallery. Without this script every photo shows in order, captioned; with it the
 * list becomes a viewer: one photo at a time, "previous" and "next" buttons, a strip of
 * thumbnail buttons, the arrow keys (and Home/End) while focus is in the gallery, and a polite
 * live region that reads "Ảnh 3 / 12" to screen readers. No library, no inline script.
 * The story has a first and a last photo: "Ảnh trước" on the first and "Ảnh sau" on the last
 * are aria-disabled (announced as unavailable, and still focusable, so a reader pressing "Ảnh
 * sau" up to the end keeps the focus there), and the arrows stop at the ends.
 */
(function () {
    "use strict";

    function setUp(gallery) {
        var slides = Array.prototype.slice.call(gallery.querySelectorAll("[data-gallery-slide]"));
        if (slides.length < 2) {
            return;
        }
        var controls = gallery.querySelector("[data-gallery-controls]");
        var thumbList = gallery.querySelector("[data-gallery-thumbs]");
        var thumbs = Array.prototype.slice.call(gallery.querySelectorAll("[data-gallery-thumb]"));
        var status = gallery.querySelector("[data-gallery-status]");
        var prev = gallery.querySelector("[data-gallery-prev]");
        var next = gallery.querySelector("[data-gallery-next]");
        var current = 0;

        function markEnd(button, atEnd) {
            if (atEnd) {
                button.setAttribute("aria-disabled", "true");
            } else {
                button.removeAttribute("aria-disabled");
            }
        }

        function show(index, moveFocus) {
            current = Math.max(0, Math.min(index, slides.length - 1));
            slides.forEach(function (slide, i) {
                slide.hidden = i !== current;
            });
            thumbs.forEach(function (thumb, i) {
                if (i === current) {
                    thumb.setAttribute("aria-current", "true");
                } else {
                    thumb.removeAttribute("aria-current");
                }
            });
            markEnd(prev, current === 0);
            markEnd(next, current === slides.length - 1);
            status.textContent = "Ảnh " + (current + 1) + " / " + slides.length;
            if (moveFocus) {
                thumbs[current].focus();
            }
        }

        // Open on the photo the address names (#anh-3), else the first.
        var start = slides.findIndex(function (slide) {
            return "#" + slide.id === window.location.hash;
        });

        gallery.classList.add("gallery--enhanced");
        controls.hidden = false;
        thumbList.hidden = false;
        // At an end nothing changes, and the live region is not told the same photo again.
        function step(by) {
            var target = Math.max(0, Math.min(current + by, slides.length - 1));
            if (target !== current) {
                show(target);
            }
        }

        prev.addEventListener("click", function () { step(-1); });
        next.addEventListener("click", function () { step(1); });
        thumbs.forEach(function (thumb, i) {
            thumb.addEventListener("click", function () { show(i); });
        });
        gallery.addEventListener("keydown", function (event) {
            var keys = {
                ArrowLeft: current - 1,
                ArrowRight: current + 1,
                Home: 0,
                End: slides.length - 1
            };
            if (!(event.key in keys) || event.altKey || event.ctrlKey || event.metaKey) {
                return;
            }
            event.preventDefault();
            if (Math.max(0, Math.min(keys[event.key], slides.length - 1)) === current) {
                return;
            }
            // Focus follows the photo when it was on a thumbnail, so arrowing along the strip works.
            show(keys[event.key], thumbs.indexOf(document.activeElement) !== -1);
        });
        show(start === -1 ? 0 : start);
    }

    document.querySelectorAll("[data-gallery]").forEach(setUp);
})();

/*
 * Photo story gallery. Without this script every photo shows in order, captioned; with it the
 * list becomes a viewer: one photo at a time, "previous" and "next" buttons, a strip of
 * thumbnail buttons, the arrow keys (and Home/End) while focus is in the gallery, and a polite
 * live region that reads "Ảnh 3 / 12" to screen readers. No library, no inline script.
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

        function show(index, moveFocus) {
            current = (index + slides.length) % slides.length;
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
        prev.addEventListener("click", function () { show(current - 1); });
        next.addEventListener("click", function () { show(current + 1); });
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
            // Focus follows the photo when it was on a thumbnail, so arrowing along the strip works.
            show(keys[event.key], thumbs.indexOf(document.activeElement) !== -1);
        });
        show(start === -1 ? 0 : start);
    }

    document.querySelectorAll("[data-gallery]").forEach(setUp);
})();

// The page's address under its title (core/panels.py): the parent's address plus the slug,
// redrawn whenever the slug field changes (typed, or filled from the title by Wagtail's w-slug).
(() => {
  const { Controller } = window.StimulusModule;

  class PageAddressController extends Controller {
    static targets = ['address'];
    static values = { parent: String };

    get slugField() {
      return document.getElementById('id_slug');
    }

    connect() {
      this.update();
    }

    update() {
      const slug = this.slugField ? this.slugField.value.trim() : '';
      const address = this.parentValue + (slug ? `${slug}/` : '');
      this.addressTarget.textContent = address;
      this.addressTarget.href = address;
    }

    // The slug sits on another tab: select that tab as a click on it would, then focus the field.
    editSlug() {
      const field = this.slugField;
      const tabpanel = field && field.closest('[role="tabpanel"]');
      const tab = tabpanel && document.getElementById(tabpanel.getAttribute('aria-labelledby'));
      if (tab) tab.click();
      const focusWhenShown = () => {
        if (field.offsetParent === null) {
          window.requestAnimationFrame(focusWhenShown);
          return;
        }
        field.focus();
        field.select();
      };
      if (field) focusWhenShown();
    }
  }

  window.wagtail.app.register('page-address', PageAddressController);
})();

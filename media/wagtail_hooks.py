from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks


@hooks.register("insert_global_admin_css")
def upload_list_css():
    # Wagtail's multiple upload prints "Please provide an image description" in red under every
    # photo, whatever its caption; the portal's own warning (media/alt_text.py) replaces it.
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-uploads.css"))

# Varnish 7.1 (Debian's `varnish` and `varnish-modules`) in front of the portal's app processes.
#
# What it does, in order (docs/deploy.md, "Varnish in front"):
# - PURGE, accepted only on the listen address named `purge` (`-a purge=127.0.0.1:6091`, which the
#   load balancer never forwards to) and from the `purgers` ACL, renews by cache tag (xkey, from
#   varnish-modules): every answer the app sends carries `xkey: <tags>` (what it shows: `all`,
#   `page-<id>`, `under-<id>`…, core/cache_tags.py), and `PURGE /` with `xkey-purge: <tags>` drops
#   every copy carrying one of them (a withdrawal: never served again), `xkey-softpurge: <tags>`
#   makes them stale (a publication: served for up to 15 s more while one fetch refreshes them).
#   syndication/purge.py sends these once a change is committed.
# - Caches anonymous GET/HEAD only: writes, the admin, the comment desk (/y-kien/), documents
#   (per-collection privacy), /healthz, and any request carrying a session or messages cookie go
#   straight to the app. Other cookies (csrftoken, analytics) are dropped from cacheable requests.
# - An outlet's keyed feed poll (`/feeds/…?k=<key>`) goes to the app too, to be counted there.
# - Never keeps a response that sets a cookie or says private / no-cache / no-store; otherwise
#   keeps it as long as the app's s-maxage or max-age says, 120 s when it says nothing.
# - Serves a stale copy for up to 15 s while one request refreshes it (longer only when a
#   health probe says the app is down); a hard-purged copy is never served, stale or not.
# - Keeps a plain copy beside the gzipped one for clients that do not accept gzip, so no hit
#   pays for decompressing the page (docs/deploy.md, "Speed").
# - `X-Cache: HIT | STALE | MISS | PASS` on every answer, for `curl -I`; the `xkey` header
#   stays inside.

vcl 4.1;

import std;
import xkey;

# The app (gunicorn). Change host and port here; keep each on its own line: `make bench` and the
# end-to-end test substitute the port in a copy of this file.
backend portal {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
    # A health probe lets Varnish serve stale pages (up to `beresp.grace`) while the app is down.
    # Its Host header must be one of ALLOWED_HOSTS, or every probe gets a 400:
    # .probe = {
    #     .request = "GET /healthz HTTP/1.1" "Host: chinhphu.example" "Connection: close";
    #     .interval = 5s; .timeout = 2s; .window = 5; .threshold = 3;
    # }
}

# Who may PURGE: this machine, and the app servers that publish. Add each app server's address
# or network, e.g.  "10.0.1.0"/24;
acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        # Not on the readers' address: a TLS terminator or proxy on this machine forwards the
        # Internet's requests from 127.0.0.1, which the ACL alone would trust.
        if (local.socket != "purge" || client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # The app sends tags, never paths: one header, either kind (syndication/purge.py).
        if (req.http.xkey-purge) {
            set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        } else if (req.http.xkey-softpurge) {
            set req.http.x-purged = xkey.softpurge(req.http.xkey-softpurge);
        } else {
            return (synth(400, "PURGE needs an xkey-purge or xkey-softpurge header"));
        }
        return (synth(200, "Purged " + req.http.x-purged));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin|y-kien|documents)(/|\?|$)" || req.url ~ "^/healthz") {
        return (pass);
    }
    # An editor (session) or a reader just back from a form (messages): their pages differ.
    # The names are Django's defaults (SESSION_COOKIE_NAME, the messages cookie storage).
    if (req.http.Cookie ~ "(^|;)\s*(sessionid|messages)=" || req.http.Authorization) {
        return (pass);
    }
    unset req.http.Cookie;
    # One language only (LANGUAGES = vi): Django would vary on every browser's list.
    unset req.http.Accept-Language;
    # An outlet's poll of a feed with its key (`?k=`, syndication/outlet_polls.py) goes to the
    # app every time: only there is it counted. Hashing without the key would answer from the
    # copy here and count nothing. The app takes the key out of the address before its page
    # cache, so it answers from the same cached feed as everyone's, or 304 with the same ETag,
    # in a millisecond or two; ~800 outlets polling every few minutes are a few requests a
    # second. Nothing keyed is stored here, so a key never makes a copy of its own.
    if (req.url ~ "^/feeds/[^?]*\?(.*&)?k=") {
        return (pass);
    }
    # Campaign tags do not change a page: one cached copy for all of them.
    if (req.url ~ "[?&](utm_[a-z]+|fbclid|gclid)=") {
        set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z]+|fbclid|gclid)=[^&]*(&|$)", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    set req.url = std.querysort(req.url);
    # Varnish asks the app for gzip whatever the client accepts, keeps one gzipped copy and
    # decompresses it on every hit for a client without gzip (three quarters of such a hit's
    # cost for the 76 kB home page: docs/deploy.md, "Speed"). Instead such a client gets a plain
    # copy of its own (vcl_hash: Varnish leaves Accept-Encoding out of Vary itself), fetched plain
    # (vcl_backend_fetch). `req.can_gzip` reads the header as Varnish will once this returns.
    if (!req.can_gzip) {
        set req.http.x-plain = "1";
    }
    if (std.healthy(req.backend_hint)) {
        set req.grace = 15s;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.Host) {
        hash_data(req.http.Host);
    } else {
        hash_data(server.ip);
    }
    # HTTP and HTTPS differ (production redirects HTTP to HTTPS): never serve one the other's.
    if (req.http.X-Forwarded-Proto) {
        hash_data(req.http.X-Forwarded-Proto);
    }
    if (req.http.x-plain) {
        hash_data("plain");
    }
    return (lookup);
}

sub vcl_hit {
    if (obj.ttl <= 0s) {
        set req.http.x-cache = "STALE";  # within grace, while one fetch refreshes it
    }
}

sub vcl_pass {
    set req.http.x-cache = "PASS";
}

sub vcl_backend_fetch {
    unset bereq.http.x-cache;
    if (bereq.http.x-plain) {
        unset bereq.http.Accept-Encoding;  # set to gzip by Varnish just before this
        unset bereq.http.x-plain;
    }
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.status >= 500) {
        if (bereq.is_bgfetch) {
            return (abandon);  # keep the stale copy rather than store an error
        }
        set beresp.uncacheable = true;
        set beresp.ttl = 5s;
        return (deliver);
    }
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(?i)(private|no-cache|no-store)"
        || beresp.http.Vary == "*") {
        if (bereq.is_bgfetch) {
            # Refreshing a stale copy, the app had none to share yet: its old copy while another
            # process renders, or a page rendered while a change was committed (both `private`,
            # core/page_cache.py). Keep serving ours within grace; the next request asks again.
            # Storing this answer instead would send every reader to the app for 120 s.
            return (abandon);
        }
        # A reader's own answer (a CSRF cookie, a form's token): remember not to wait for it.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    if (!beresp.http.Cache-Control ~ "(?i)max-age" && !beresp.http.Expires) {
        set beresp.ttl = 120s;  # the app said nothing: publishing purges anyway
    }
    set beresp.grace = 1h;
    # Compressed for clients that take gzip only: the plain copy stays plain (vcl_recv).
    if (beresp.http.Content-Type
            ~ "(?i)^(text/|application/(rss\+|atom\+)?xml|application/json|application/javascript)"
        && !beresp.http.Content-Encoding && bereq.http.Accept-Encoding) {
        set beresp.do_gzip = true;
    }
    return (deliver);
}

sub vcl_deliver {
    if (req.http.x-cache) {
        set resp.http.X-Cache = req.http.x-cache;
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The tags are for purging here, not for readers (nor for anyone to learn what to purge).
    unset resp.http.xkey;
}

"""The XSS corpus, shared by the browser tests and the export checks.

``HOSTILE`` is a Markdown body (script tags, event handlers, ``javascript:``/``data:`` URLs,
SVG, CSS, broken markup, Markdown tricks); ``HOSTILE_LINES`` are one-line attacks short enough
for the admin's text fields (titles, names, notes: 200 characters at most).
"""

HOSTILE = """Hostile text.

<script>window.__xss = (window.__xss || 0) + 1; alert("script")</script>

<img src="/static/none.png" onerror="window.__xss = (window.__xss || 0) + 1; alert('onerror')">

[Click here](javascript:window.__xss=(window.__xss||0)+1;alert('link'))

A paragraph with attributes {: onclick="window.__xss = (window.__xss || 0) + 1" }

<svg onload="window.__xss = 1"></svg>

<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>

![pixel](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)

<style>body { background: url("javascript:alert('css')") }</style>
<p style="background:url(javascript:alert('style'))">Styled</p>

<div><p>Broken <b>markup <i onmouseover="alert('broken')">here</div>

<iframe src="javascript:alert('iframe')"></iframe><object data="javascript:alert(1)"></object>

[ref link][r]

[r]: javascript:alert('ref')
"""

HOSTILE_LINES = [
    '<script>window.__xss=1;alert("t")</script>Title',
    "<img src=x onerror=\"window.__xss=1;alert('i')\">Img",
    '"><svg onload=alert(1)>',
    "<a href=\"javascript:alert('a')\">jlink</a>",
    "'};alert(1);//",
    "<style>*{x:expression(alert(1))}</style>CSS",
]

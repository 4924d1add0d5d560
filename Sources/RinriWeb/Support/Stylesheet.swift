import Vapor

/// The one stylesheet, served from the binary so pages work from any working folder.
enum Stylesheet {
    static func response() -> Response {
        let response = Response(status: .ok, body: .init(string: css))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }

    /// A small mark in the accent colour, so browsers stop asking for a missing icon.
    static func favicon() -> Response {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><rect width=\"16\" height=\"16\" rx=\"3\" fill=\"#7a1f2b\"/></svg>"
        let response = Response(status: .ok, body: .init(string: svg))
        response.headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml")
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=86400")
        return response
    }

    static let css = """
    /* Rinri design system: one stylesheet. Tokens first, then base elements, the page frame,
       components, page-specific pieces, phones, motion and print. docs/design-system.md explains it. */

    /* ---------- Tokens ---------- */
    :root {
      color-scheme: light;

      /* Colour. Text tokens meet WCAG AA (4.5:1) on --surface, --background and their own -surface. */
      --ink: #1b2230;
      --muted: #4f5868;
      --line: #d3d8e1;
      --line-strong: #737c8c;
      --surface: #ffffff;
      --surface-muted: #eef1f5;
      --background: #f5f6f8;
      --accent: #7a1f2b;
      --accent-hover: #5c1520;
      --on-accent: #ffffff;
      --link: #1d4f91;
      --link-visited: #5b2a86;
      --focus: #1558d6;
      --ok: #17663a;
      --ok-surface: #e7f4eb;
      --warn: #774d00;
      --warn-surface: #fff4d1;
      --warn-line: #c99700;
      --bad: #a3141a;
      --bad-surface: #fdecec;
      --info: #1f4a85;
      --info-surface: #e8eff9;

      /* Risk levels: the heat map's fills, so a badge and its cell match. */
      --level-low-bg: #e3f1df;
      --level-low-ink: #1a1a1a;
      --level-low-line: #5b8a50;
      --level-medium-bg: #ffd54f;
      --level-medium-ink: #1a1a1a;
      --level-medium-line: #9c7400;
      --level-high-bg: #f57c00;
      --level-high-ink: #1a1a1a;
      --level-high-line: #8a4500;
      --level-critical-bg: #b71c1c;
      --level-critical-ink: #ffffff;
      --level-critical-line: #5f0c0c;

      /* Spacing scale */
      --space-1: 0.25rem;
      --space-2: 0.5rem;
      --space-3: 0.75rem;
      --space-4: 1rem;
      --space-5: 1.5rem;
      --space-6: 2rem;
      --space-7: 3rem;

      /* Type scale */
      --font: system-ui, "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "Yu Gothic UI", Meiryo, sans-serif;
      --font-mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK JP", monospace;
      --text-xs: 0.75rem;
      --text-sm: 0.875rem;
      --text-md: 1rem;
      --text-lg: 1.125rem;
      --text-xl: 1.375rem;
      --text-2xl: 1.75rem;
      --text-metric: 2.25rem;
      --leading: 1.6;
      --leading-ja: 1.8;
      --leading-tight: 1.3;

      /* Radii, widths, elevation */
      --radius-sm: 4px;
      --radius: 8px;
      --radius-pill: 999px;
      --page-max: 72rem;
      --form-max: 42rem;
      --control-height: 2.5rem;
      --shadow: 0 1px 2px rgb(16 24 40 / 0.06);
    }

    /* ---------- Base ---------- */
    *, *::before, *::after { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
    body {
      margin: 0;
      font-family: var(--font);
      font-size: var(--text-md);
      line-height: var(--leading);
      color: var(--ink);
      background: var(--background);
      /* Japanese line breaking: strict kinsoku, words kept whole, and anything too long still wraps. */
      line-break: strict;
      word-break: normal;
      overflow-wrap: anywhere;
    }
    :where(:lang(ja)) { line-height: var(--leading-ja); }
    :lang(ja) :is(em, i, cite, .empty) { font-style: normal; }
    :lang(ja) em { font-weight: 700; }

    h1, h2, h3, h4 { line-height: var(--leading-tight); margin: 0 0 var(--space-3); }
    h1 { font-size: var(--text-2xl); margin-top: var(--space-1); margin-bottom: var(--space-4); }
    h2 { font-size: var(--text-xl); margin-top: var(--space-6); }
    h3 { font-size: var(--text-lg); margin-top: var(--space-5); }
    p, ul, ol, dl, figure, pre, table, fieldset { margin-top: 0; margin-bottom: var(--space-4); }
    ul, ol { padding-left: var(--space-5); }
    li + li { margin-top: var(--space-1); }
    hr { border: 0; border-top: 1px solid var(--line); margin: var(--space-5) 0; }
    small { font-size: var(--text-sm); }
    img, svg, video, iframe { max-width: 100%; }
    code, kbd, samp, pre { font-family: var(--font-mono); font-size: 0.9em; overflow-wrap: anywhere; }
    code { background: var(--surface-muted); border-radius: var(--radius-sm); padding: 0 0.25em; }
    pre { white-space: pre-wrap; background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius-sm); padding: var(--space-3); }
    pre code { background: none; padding: 0; }
    time { font-variant-numeric: tabular-nums; }

    /* Links: underlined in running text so they never rely on colour alone. */
    a { color: var(--link); text-decoration: underline; text-decoration-thickness: 1px; text-underline-offset: 0.18em; }
    a:visited { color: var(--link-visited); }
    a:hover { text-decoration-thickness: 2px; }

    /* Focus: one visible ring on everything that takes focus. */
    :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
    main:focus, main:focus-visible { outline: none; }

    .skip-link {
      position: absolute; left: var(--space-2); top: var(--space-2); z-index: 10;
      padding: var(--space-2) var(--space-4);
      background: var(--surface); color: var(--ink); font-weight: 600;
      border: 2px solid var(--focus); border-radius: var(--radius-sm);
      transform: translateY(-200%);
    }
    .skip-link:focus, .skip-link:focus-visible { transform: none; }
    .skip-link:visited { color: var(--ink); }

    .muted, .hint { color: var(--muted); }
    .hint { font-size: var(--text-sm); }
    .ok { color: var(--ok); }
    .no-wrap { white-space: nowrap; }
    .visually-hidden {
      position: absolute !important; width: 1px; height: 1px; overflow: hidden;
      clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
    }

    /* ---------- Page frame ---------- */
    :is(.site-header, body > header) {
      display: flex; flex-wrap: wrap; align-items: center; gap: var(--space-2) var(--space-5);
      /* the header's content lines up with the page's content on wide screens */
      padding: var(--space-2) max(var(--space-5), calc((100% - var(--page-max)) / 2 + var(--space-5)));
      background: var(--surface);
      border-bottom: 1px solid var(--line);
      border-top: 4px solid var(--accent);
    }
    :is(.site-header, body > header) .brand {
      font-weight: 700; font-size: var(--text-lg); color: var(--accent); text-decoration: none;
      padding: var(--space-1) 0; white-space: nowrap;
    }
    :is(.site-header, body > header) .brand:visited { color: var(--accent); }
    :is(.site-header, body > header) nav { display: flex; flex-wrap: wrap; gap: var(--space-1) var(--space-4); }
    :is(.site-header, body > header) nav a {
      color: var(--ink); text-decoration: none; padding: var(--space-1) 0;
      border-bottom: 2px solid transparent;
    }
    :is(.site-header, body > header) nav a:hover { border-bottom-color: var(--line-strong); }
    :is(.site-header, body > header) nav a[aria-current="page"] { border-bottom-color: var(--accent); font-weight: 600; }
    details.menu > summary {
      display: inline-flex; align-items: center; gap: var(--space-2);
      min-height: var(--control-height); padding: 0 var(--space-3);
      border: 1px solid var(--line-strong); border-radius: var(--radius-sm);
      background: var(--surface); color: var(--ink); font-weight: 600; cursor: pointer;
      list-style: none; user-select: none;
    }
    details.menu > summary::-webkit-details-marker { display: none; }
    details.menu > summary::before {
      content: ""; width: 1rem; height: 0.75rem;
      border-top: 2px solid currentColor; border-bottom: 2px solid currentColor;
      background: linear-gradient(currentColor, currentColor) center / 100% 2px no-repeat;
    }
    details.menu[open] > summary::before {
      height: 0.8rem; border: 0;
      background:
        linear-gradient(45deg, transparent 44%, currentColor 44%, currentColor 56%, transparent 56%),
        linear-gradient(-45deg, transparent 44%, currentColor 44%, currentColor 56%, transparent 56%);
    }
    :is(.site-header, body > header) .tools {
      margin-left: auto; display: flex; flex-wrap: wrap; align-items: center; gap: var(--space-2) var(--space-3);
    }
    :is(.site-header, body > header) form { margin: 0; display: inline-flex; flex-wrap: wrap; gap: var(--space-1); }
    :is(.site-header, body > header) .who { color: var(--muted); font-size: var(--text-sm); }
    :is(.site-header, body > header) .tools button {
      min-height: 2rem; padding: 0 var(--space-2); margin: 0;
      background: none; color: var(--ink); border: 1px solid transparent; font-size: var(--text-sm); font-weight: 400;
    }
    :is(.site-header, body > header) .tools button:hover { background: var(--surface-muted); }
    :is(.site-header, body > header) .language button[aria-current="true"] {
      font-weight: 700; text-decoration: underline; text-decoration-thickness: 2px; text-underline-offset: 0.25em;
    }
    :is(.site-header, body > header) .logout button { border-color: var(--line-strong); }

    main { display: block; max-width: var(--page-max); margin: 0 auto; padding: var(--space-5); }
    body > footer {
      max-width: var(--page-max); margin: var(--space-6) auto 0; padding: var(--space-4) var(--space-5) var(--space-6);
      border-top: 1px solid var(--line); color: var(--muted); font-size: var(--text-sm);
    }

    /* Wide screens: brand and tools on the first line, the menu as a row below, without its button. */
    @media (min-width: 48.0625rem) {
      :is(.site-header, body > header) .tools { order: 2; }
      details.menu, body > header > nav { order: 3; flex: 1 0 100%; }
      :is(.site-header, body > header) nav { margin: 0 0 calc(-1 * var(--space-2)); }
      :is(.site-header, body > header) nav a { padding: var(--space-2) 0; border-bottom-width: 3px; }
      details.menu::details-content { content-visibility: visible; }
      details.menu > summary { display: none; }
      details.menu > nav { display: flex; }
    }
    @supports not selector(::details-content) {
      @media (min-width: 48.0625rem) {
        details.menu:not([open]) > summary { display: inline-flex; }
      }
    }

    /* ---------- Buttons ---------- */
    button, .button, input[type="submit"] {
      display: inline-flex; align-items: center; justify-content: center; gap: var(--space-2);
      min-height: var(--control-height); padding: var(--space-1) var(--space-4); margin: 0 var(--space-2) var(--space-1) 0;
      font: inherit; font-weight: 600; line-height: var(--leading-tight); text-align: center; text-decoration: none;
      color: var(--on-accent); background: var(--accent);
      border: 1px solid var(--accent); border-radius: var(--radius-sm);
      cursor: pointer; vertical-align: middle;
      transition: background-color 0.15s ease, border-color 0.15s ease;
    }
    .button:visited { color: var(--on-accent); }
    button:hover, .button:hover, input[type="submit"]:hover { background: var(--accent-hover); border-color: var(--accent-hover); }
    :is(button, .button).secondary {
      color: var(--ink); background: var(--surface); border-color: var(--line-strong);
    }
    :is(button, .button).secondary:hover { background: var(--surface-muted); }
    a.button.secondary:visited { color: var(--ink); }
    :is(button, .button).danger { color: var(--bad); background: var(--surface); border-color: var(--bad); }
    :is(button, .button).danger:hover { color: var(--on-accent); background: var(--bad); }
    button.link {
      min-height: 0; padding: 0 var(--space-1); margin: 0; border: 0; background: none;
      color: var(--link); font-weight: 400; text-decoration: underline; text-underline-offset: 0.18em;
    }
    button.link.danger { color: var(--bad); background: none; }
    button.link:hover { background: none; text-decoration-thickness: 2px; }
    button:disabled, .button[aria-disabled="true"] { opacity: 0.55; cursor: not-allowed; }
    .actions { display: flex; flex-wrap: wrap; align-items: center; gap: var(--space-2); margin: var(--space-4) 0; }
    .actions :is(button, .button) { margin: 0; }
    form.inline { display: inline; }
    form.inline button { margin-bottom: var(--space-1); }

    /* ---------- Forms ---------- */
    label { font-weight: 600; }
    .field { display: flex; flex-direction: column; gap: var(--space-1); margin-bottom: var(--space-4); max-width: var(--form-max); }
    .field > label { font-size: var(--text-sm); }
    .field.check { flex-direction: row; align-items: center; gap: var(--space-2); }
    .field.check > label { font-size: var(--text-md); font-weight: 400; }
    form:is(.card, .body-form) > label, form[enctype] > label { display: block; margin: var(--space-3) 0 var(--space-1); font-size: var(--text-sm); }
    form:is(.card, .body-form) > :is(input, select, textarea) { display: block; }
    form:is(.card, .body-form) > button, form[enctype] > button { margin-top: var(--space-3); }
    .required { color: var(--bad); font-size: var(--text-xs); font-weight: 700; margin-left: var(--space-1); }
    .field:has(> :is(input, select, textarea):required) > label:not(:has(.required))::after {
      content: " *"; color: var(--bad); font-weight: 700;
    }
    input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"]):not([type="submit"]):not([type="file"]), select, textarea {
      font: inherit; color: var(--ink); background: var(--surface);
      width: 100%; max-width: 100%; min-height: var(--control-height);
      padding: var(--space-1) var(--space-2);
      border: 1px solid var(--line-strong); border-radius: var(--radius-sm);
    }
    input[type="file"] { font: inherit; max-width: 100%; }
    textarea { resize: vertical; line-height: var(--leading); }
    textarea.code { font: 0.875rem/1.45 var(--font-mono); }
    input[type="checkbox"], input[type="radio"] { width: 1.15rem; height: 1.15rem; margin: 0; accent-color: var(--accent); flex: none; }
    ::placeholder { color: var(--muted); opacity: 1; }
    fieldset { min-inline-size: 0; min-width: 0; border: 1px solid var(--line); border-radius: var(--radius-sm); padding: var(--space-3) var(--space-4); }
    legend { font-weight: 600; padding: 0 var(--space-1); }
    .invalid > :is(input, select, textarea) { border-color: var(--bad); border-width: 2px; }
    .field-error { color: var(--bad); font-size: var(--text-sm); font-weight: 600; margin: 0; padding-left: var(--space-2); border-left: 3px solid var(--bad); }
    .form-error, .error-message {
      color: var(--bad); background: var(--bad-surface);
      border: 1px solid var(--bad); border-left-width: 5px; border-radius: var(--radius-sm);
      padding: var(--space-2) var(--space-3); font-weight: 600;
    }
    .error-message { font-size: var(--text-lg); }

    /* Filter and search bar */
    form.filters {
      display: flex; flex-wrap: wrap; align-items: flex-end; gap: var(--space-3);
      margin-bottom: var(--space-4); padding: var(--space-3) var(--space-4);
      background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius);
    }
    form.filters .field { flex: 1 1 12rem; margin: 0; min-width: 0; }
    form.filters :is(button, .button) { margin: 0; flex: none; }
    form.filters > label { flex: 1 0 100%; margin-bottom: calc(-1 * var(--space-2)); font-size: var(--text-sm); }
    form.filters > :is(input, select) { flex: 1 1 14rem; width: auto; }
    .inline-form { display: flex; flex-wrap: wrap; gap: var(--space-2); align-items: center; }
    .inline-form :is(select, input:not([type="checkbox"]):not([type="radio"])) { width: auto; min-width: 0; flex: 1 1 10rem; }
    .inline-form :is(button, .button) { margin: 0; }

    /* ---------- Surfaces ---------- */
    .card {
      background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius);
      padding: var(--space-4) var(--space-5); margin-bottom: var(--space-4); box-shadow: var(--shadow);
    }
    form.card, details.card { max-width: var(--form-max); }
    article.card { max-width: none; }
    .narrow { max-width: 28rem; }
    .card > :first-child, .card > :is(h2, h3, h4):first-of-type { margin-top: 0; }
    .card > :last-child { margin-bottom: 0; }
    details > summary { cursor: pointer; font-weight: 600; }
    details.card[open] > summary { margin-bottom: var(--space-3); }

    /* Dashboard cards */
    section.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: var(--space-4); margin-bottom: var(--space-5); }
    section.cards > .card { margin: 0; display: flex; flex-direction: column; gap: var(--space-2); }
    section.cards > .card > * { margin: 0; }
    section.cards > .card h2 { font-size: var(--text-md); color: var(--muted); font-weight: 600; }
    .card .metric { font-size: var(--text-metric); font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; color: var(--ink); }
    section.cards > .card > a:last-child { margin-top: auto; }

    /* Messages */
    .flash {
      color: var(--ink); background: var(--ok-surface);
      border: 1px solid var(--ok); border-left-width: 5px; border-radius: var(--radius-sm);
      padding: var(--space-2) var(--space-3);
    }
    .demo-banner {
      margin: 0; padding: var(--space-2) var(--space-5); text-align: center; font-weight: 600;
      color: var(--warn); background: var(--warn-surface);
      border-bottom: 2px dashed var(--warn-line);
    }
    main .demo-banner { border: 2px dashed var(--warn-line); border-radius: var(--radius-sm); margin-bottom: var(--space-4); }
    .secret { background: var(--warn-surface); border: 1px solid var(--warn-line); padding: var(--space-3); border-radius: var(--radius-sm); margin-bottom: var(--space-4); }
    .secret code { font-size: var(--text-md); user-select: all; word-break: break-all; }

    /* Empty states */
    p.empty { color: var(--muted); }
    .empty-state {
      text-align: center; padding: var(--space-6) var(--space-4); margin-bottom: var(--space-4);
      background: var(--surface); border: 2px dashed var(--line); border-radius: var(--radius);
    }
    .empty-state > p { color: var(--muted); max-width: 36rem; margin: 0 auto var(--space-4); }
    .empty-state > :last-child { margin-bottom: 0; }
    .empty-state .button { margin: 0; }

    /* ---------- Badges ---------- */
    .badge {
      display: inline-flex; align-items: center; gap: 0.4em;
      padding: 0.05rem 0.6rem; margin: 0 0.15rem;
      font-size: var(--text-sm); font-weight: 600; line-height: 1.5; white-space: nowrap; vertical-align: 0.05em;
      color: var(--ink); background: var(--surface-muted);
      border: 1px solid var(--line-strong); border-radius: var(--radius-pill);
    }
    .badge::before { flex: none; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    .badge.todo { color: var(--warn); background: var(--warn-surface); border: 1px dashed var(--warn); }
    .badge.todo::before { content: ""; width: 0.65em; height: 0.65em; border: 2px solid currentColor; border-radius: 1px; }
    .badge.ok { color: var(--ok); background: var(--ok-surface); border-color: var(--ok); }
    .badge.ok::before {
      content: ""; width: 0.35em; height: 0.7em; margin: 0 0.1em 0.15em;
      border: solid currentColor; border-width: 0 2px 2px 0; transform: rotate(45deg);
    }
    .badge.state-draft { color: var(--ink); background: var(--surface-muted); border-style: dashed; }
    .badge:is(.state-submitted, .state-in_review) { color: var(--info); background: var(--info-surface); border-color: var(--info); }
    .badge:is(.state-approved, .state-approved_with_conditions) { color: var(--ok); background: var(--ok-surface); border-color: var(--ok); }
    .badge.state-approved_with_conditions { border-style: dashed; }
    .badge.state-rejected { color: var(--bad); background: var(--bad-surface); border-color: var(--bad); border-width: 2px; }

    /* Risk levels: colour, a shape and the border weight together; the text label is always there. */
    .badge:is(.level-low, .level-medium, .level-high, .level-critical)::before { content: ""; width: 0.7em; height: 0.7em; background: currentColor; }
    .badge.level-low { color: var(--level-low-ink); background: var(--level-low-bg); border-color: var(--level-low-line); }
    .badge.level-low::before { background: none; border: 2px solid currentColor; border-radius: 50%; }
    .badge.level-medium { color: var(--level-medium-ink); background: var(--level-medium-bg); border-color: var(--level-medium-line); }
    .badge.level-medium::before { width: 0.6em; height: 0.6em; transform: rotate(45deg); }
    .badge.level-high { color: var(--level-high-ink); background: var(--level-high-bg); border-color: var(--level-high-line); border-width: 2px; }
    .badge.level-high::before { width: 0.8em; clip-path: polygon(50% 0, 100% 100%, 0 100%); }
    .badge.level-critical { color: var(--level-critical-ink); background: var(--level-critical-bg); border-color: var(--level-critical-line); border-width: 2px; }
    .badge.level-critical::before { width: 0.75em; height: 0.75em; clip-path: polygon(20% 0, 50% 30%, 80% 0, 100% 20%, 70% 50%, 100% 80%, 80% 100%, 50% 70%, 20% 100%, 0 80%, 30% 50%, 0 20%); }

    /* ---------- Tables ---------- */
    table { width: 100%; border-collapse: separate; border-spacing: 0; background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius-sm); }
    th, td { text-align: left; vertical-align: top; padding: var(--space-2) var(--space-3); border-bottom: 1px solid var(--line); }
    tbody tr:last-child > * { border-bottom: 0; }
    th { background: var(--surface-muted); font-size: var(--text-sm); font-weight: 600; line-height: var(--leading-tight); }
    thead th { border-bottom: 2px solid var(--line-strong); }
    tbody tr:hover > td { background: var(--background); }
    th, td { overflow-wrap: break-word; }
    :is(td, th).num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    caption { text-align: left; font-weight: 600; padding: var(--space-2) 0; caption-side: top; }
    th a { color: inherit; }
    th a:visited { color: inherit; }
    th[aria-sort] a { display: inline-flex; align-items: baseline; gap: 0.3em; font-weight: 600; }
    th:is([aria-sort="ascending"], [aria-sort="descending"]) { box-shadow: inset 0 -3px 0 var(--accent); }
    .sort-mark { font-size: 0.75em; color: var(--accent); }
    .table-scroll { overflow-x: auto; margin-bottom: var(--space-4); border-radius: var(--radius-sm); }
    .table-scroll > table { margin: 0; }
    .table-scroll:focus-visible { outline-offset: 3px; }

    /* ---------- Pager ---------- */
    nav.pager {
      display: grid; grid-template-columns: minmax(0, 1fr) auto minmax(0, 1fr); align-items: center; gap: var(--space-2) var(--space-4);
      margin: var(--space-4) 0;
    }
    nav.pager a {
      display: inline-flex; align-items: center; gap: var(--space-2);
      min-height: var(--control-height); padding: 0 var(--space-4);
      color: var(--ink); background: var(--surface); border: 1px solid var(--line-strong); border-radius: var(--radius-sm);
      text-decoration: none; font-weight: 600;
    }
    nav.pager a:visited { color: var(--ink); }
    nav.pager a:hover { background: var(--surface-muted); text-decoration: underline; }
    nav.pager a[rel="prev"] { grid-column: 1; justify-self: start; }
    nav.pager a[rel="next"] { grid-column: 3; justify-self: end; }
    nav.pager a[rel="prev"]::before { content: "←"; content: "←" / ""; }
    nav.pager a[rel="next"]::after { content: "→"; content: "→" / ""; }
    .pager-status { grid-column: 2; grid-row: 1; color: var(--muted); font-size: var(--text-sm); font-variant-numeric: tabular-nums; text-align: center; }

    /* ---------- Definition lists ---------- */
    dl.facts {
      display: grid; grid-template-columns: minmax(0, 1fr);
      background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius);
      padding: var(--space-1) var(--space-4);
    }
    dl.facts > div { display: grid; grid-template-columns: minmax(8rem, 14rem) minmax(0, 1fr); gap: var(--space-1) var(--space-4); padding: var(--space-2) 0; }
    dl.facts > div + div { border-top: 1px solid var(--line); }
    dl.facts dt { color: var(--muted); font-size: var(--text-sm); font-weight: 600; padding-top: 0.1em; }
    dl.facts dd { margin: 0; white-space: pre-wrap; }

    /* ---------- Charts ---------- */
    .heatmaps { display: flex; flex-wrap: wrap; gap: var(--space-4); margin: var(--space-4) 0; }
    .heatmaps figure {
      margin: 0; flex: 1 1 22rem; max-width: 36rem; min-width: 0;
      background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: var(--space-2);
    }
    .heatmaps figure svg { display: block; max-width: 100%; width: 100%; height: auto; }
    .heatmaps figcaption { font-size: var(--text-sm); color: var(--muted); padding: var(--space-2) var(--space-1) 0; }

    /* ---------- Navigation inside a page ---------- */
    nav.tabs { display: flex; flex-wrap: wrap; gap: var(--space-1); margin: var(--space-4) 0; border-bottom: 2px solid var(--accent); }
    .tab {
      padding: var(--space-1) var(--space-3); margin-bottom: -2px;
      border: 1px solid var(--line); border-bottom: 2px solid var(--accent); border-radius: var(--radius-sm) var(--radius-sm) 0 0;
      background: var(--surface); color: var(--ink); text-decoration: none; font-size: var(--text-sm);
    }
    a.tab:visited { color: var(--ink); }
    a.tab:hover { background: var(--surface-muted); text-decoration: underline; }
    .tab.current { background: var(--accent); color: var(--on-accent); border-color: var(--accent); font-weight: 600; }
    .governance-links a { margin-right: var(--space-1); }

    /* ---------- Assessments, risks, evidence ---------- */
    .gate { border: 1px solid var(--line); border-left: 5px solid var(--ok); border-radius: var(--radius-sm); background: var(--surface); padding: var(--space-1) var(--space-4) var(--space-3); margin: var(--space-4) 0; }
    .gate.closed { border-left-color: var(--bad); border-left-style: double; border-left-width: 7px; }
    .gate h2 { margin-top: var(--space-3); }
    form.sheet section { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: var(--space-1) var(--space-4) var(--space-4); margin-bottom: var(--space-4); }
    fieldset.question { border: 0; border-top: 1px solid var(--line); border-radius: 0; padding: var(--space-3) 0 var(--space-2); margin: 0; }
    fieldset.question legend { font-weight: 600; padding: 0; }
    fieldset.question legend .badge { margin-left: var(--space-2); }
    fieldset.question.invalid { border-left: 4px solid var(--bad); padding-left: var(--space-3); }
    .qid { font: 500 var(--text-xs) var(--font-mono); color: var(--muted); margin-right: var(--space-1); }
    .choices { display: flex; flex-wrap: wrap; gap: var(--space-2) var(--space-5); margin: var(--space-2) 0; }
    label.choice { font-weight: 400; display: inline-flex; align-items: center; gap: var(--space-2); margin-right: var(--space-3); min-height: 2rem; }
    .evidence { font-size: var(--text-sm); margin: var(--space-1) 0; }
    .evidence.missing { color: var(--bad); font-weight: 600; }
    p.refs code { font-size: var(--text-xs); color: var(--muted); margin-right: var(--space-1); }
    .actions.sticky { position: sticky; bottom: 0; z-index: 2; background: var(--background); padding: var(--space-3) 0; margin: 0; border-top: 1px solid var(--line); }
    .progress-line progress { width: 14rem; max-width: 100%; vertical-align: middle; accent-color: var(--accent); }
    .condition { display: grid; grid-template-columns: 3fr 2fr 1fr auto; gap: var(--space-2); margin-bottom: var(--space-2); align-items: center; }
    form.countermeasure { display: grid; grid-template-columns: 3fr 2fr 1fr 1fr 1fr auto; gap: var(--space-2); margin: var(--space-2) 0; align-items: center; }
    form.countermeasure button, .condition button { margin: 0; }
    .steps form { margin: var(--space-2) 0; }
    .steps .card { max-width: none; }
    iframe.report { width: 100%; height: 80vh; border: 1px solid var(--line); border-radius: var(--radius); background: var(--surface); margin-top: var(--space-4); }
    pre.command { background: var(--surface); }
    code.changes { font-size: var(--text-xs); word-break: break-all; background: none; }

    /* ---------- Phones (screens up to 48rem, 768 px; print has its own rules) ---------- */
    @media screen and (max-width: 48rem) {
      main { padding: var(--space-4) var(--space-3); }
      h1 { font-size: var(--text-xl); }
      h2 { font-size: var(--text-lg); margin-top: var(--space-5); }

      :is(.site-header, body > header) { position: relative; padding: var(--space-2) var(--space-3); gap: var(--space-2); }
      .site-header .brand { min-height: var(--control-height); display: inline-flex; align-items: center; }
      details.menu { flex: 1 0 100%; order: 2; }
      details.menu > summary { position: absolute; top: var(--space-2); right: var(--space-3); }
      details.menu > nav { flex-direction: column; gap: 0; border-top: 1px solid var(--line); margin-top: var(--space-1); }
      details.menu > nav a { display: block; padding: var(--space-2) var(--space-1); border-bottom: 1px solid var(--line); }
      details.menu > nav a[aria-current="page"] { border-bottom-color: var(--line); box-shadow: inset 4px 0 0 var(--accent); padding-left: var(--space-3); }
      :is(.site-header, body > header) .tools { order: 3; margin-left: 0; flex: 1 0 100%; justify-content: flex-start; }
      body > header > nav { order: 2; flex: 1 0 100%; gap: var(--space-1) var(--space-3); }

      .site-header .tools button { min-height: 2.25rem; }
      form.filters { padding: var(--space-3); }
      form.filters .field { flex-basis: 100%; }
      form.filters :is(button, .button) { width: 100%; }
      nav.pager { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
      .pager-status { grid-column: 1 / -1; }
      nav.pager a[rel="prev"], nav.pager a[rel="next"] { grid-row: 2; }
      nav.pager a[rel="next"] { grid-column: 2; }
      .card { padding: var(--space-3) var(--space-3); }
      section.cards { grid-template-columns: minmax(0, 1fr); }

      dl.facts > div { display: block; }
      dl.facts dd { margin-top: var(--space-1); }

      .heatmaps figure { flex-basis: 100%; max-width: 100%; }

      /* A wrapped table scrolls sideways inside its box and keeps readable columns. */
      .table-scroll { overflow-x: auto; border: 1px solid var(--line); }
      .table-scroll > table { width: max-content; min-width: 100%; max-width: 52rem; border: 0; }
      /* A table not yet wrapped shrinks to the screen instead. */
      :not(.table-scroll) > table { font-size: var(--text-sm); }
      :not(.table-scroll) > table :is(th, td) { padding: var(--space-1) var(--space-2); overflow-wrap: anywhere; }
      :not(.table-scroll) > table .badge { white-space: normal; padding: 0 var(--space-1); }

      .condition, form.countermeasure { grid-template-columns: minmax(0, 1fr); }
      nav.tabs { flex-direction: column; gap: 0; border: 1px solid var(--line); border-radius: var(--radius-sm); overflow: hidden; }
      .tab { margin: 0; border: 0; border-radius: 0; border-top: 1px solid var(--line); padding: var(--space-2) var(--space-3); }
      .tab:first-child { border-top: 0; }
      .tab.current { box-shadow: inset 5px 0 0 var(--accent-hover); }
      .inline-form :is(select, input:not([type="checkbox"]):not([type="radio"])) { flex-basis: 100%; }
      .progress-line progress { width: 100%; display: block; margin-bottom: var(--space-1); }
      .actions.sticky { padding: var(--space-2) 0; }
    }
    @media (pointer: coarse) {
      button, .button, nav.pager a, details.menu > summary { min-height: 2.75rem; }
      button.link { min-height: 0; }
    }

    /* ---------- Motion ---------- */
    @media (prefers-reduced-motion: no-preference) {
      html { scroll-behavior: smooth; }
    }
    @media (prefers-reduced-motion: reduce) {
      *, *::before, *::after {
        animation-duration: 0.01ms !important; animation-iteration-count: 1 !important;
        transition-duration: 0.01ms !important; scroll-behavior: auto !important;
      }
    }

    /* ---------- Windows high contrast and other forced colours ---------- */
    @media (forced-colors: active) {
      .badge, .tab.current, nav.pager a { border: 1px solid CanvasText; }
      .badge:is(.level-medium, .level-high, .level-critical)::before { forced-color-adjust: none; background: CanvasText; }
      .tab.current, :is(.site-header, body > header) nav a[aria-current="page"] { text-decoration: underline 3px; }
    }

    /* ---------- Print ---------- */
    .print-only { display: none; }
    @page { margin: 16mm 14mm 18mm; }
    @page {
      @bottom-right { content: counter(page) " / " counter(pages); font: 9pt system-ui, sans-serif; color: #000; }
    }
    @media print {
      :root {
        --ink: #000; --muted: #333; --line: #999; --line-strong: #000;
        --surface: #fff; --surface-muted: #fff; --background: #fff; --link: #000; --link-visited: #000;
      }
      html { font-size: 10.5pt; }
      body { background: #fff; color: #000; }
      .skip-link, .no-print, details.menu, :is(.site-header, body > header) :is(nav, .tools),
      nav.pager, nav.tabs, form.filters, button, .button, input[type="submit"], .actions,
      form:has(button, input[type="submit"]):not(.sheet), form:is(.inline, .inline-form, .countermeasure, .body-form, .language, .logout),
      details:not([open]) { display: none !important; }
      :is(.site-header, body > header) { border: 0; border-bottom: 2px solid #000; padding: 0 0 2mm; background: none; }
      :is(.site-header, body > header) .brand, :is(.site-header, body > header) .brand:visited { color: #000; }
      main { max-width: none; padding: 4mm 0 0; }
      body > footer { margin: 6mm 0 0; padding: 2mm 0 0; border-top: 1px solid #000; color: #000; }
      a, a:visited { color: #000; }
      a[href^="http://"]::after, a[href^="https://"]::after { content: " (" attr(href) ")"; font-size: 0.85em; overflow-wrap: anywhere; }
      h1, h2, h3, h4 { break-after: avoid-page; }
      p, li, dd { orphans: 3; widows: 3; }
      .card, figure, dl.facts > div, .gate, fieldset.question, .flash, .form-error, .error-message, .empty-state { break-inside: avoid; box-shadow: none; }
      .card, dl.facts, form.sheet section, .gate, .empty-state { border-color: #000; }
      .table-scroll { overflow: visible !important; border: 0; }
      .table-scroll > table, table { width: 100% !important; max-width: none !important; font-size: 9pt; border: 1px solid #000; }
      thead { display: table-header-group; }
      tr, img, svg { break-inside: avoid; }
      th, td { border-bottom: 1px solid #777; }
      thead th { border-bottom: 2px solid #000; position: static; }
      tbody tr:hover > td { background: none; }
      code { background: none; padding: 0; }
      .badge, .badge[class*="level-"], .badge[class*="state-"], .badge.todo, .badge.ok {
        color: #000 !important; background: #fff !important; border-color: #000 !important; outline: 0;
      }
      .flash, .form-error, .error-message, .secret, .demo-banner { color: #000; background: #fff; border-color: #000; }
      .heatmaps { display: flex; flex-wrap: nowrap; gap: 4mm; }
      .heatmaps figure { flex: 1 1 0; max-width: none; border: 0; padding: 0; }
      .actions.sticky { position: static; }
      iframe.report { height: auto; min-height: 50vh; }
      fieldset.question textarea, form.sheet textarea { border: 1px solid #000; min-height: 0; }
      .print-only { display: block !important; }
    }
    """
}

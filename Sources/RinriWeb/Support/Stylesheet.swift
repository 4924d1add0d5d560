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
    :root { --ink:#1d2433; --muted:#5d6677; --line:#d9dde5; --accent:#7a1f2b; --bg:#f7f7f9; --ok:#1d6b3a; --bad:#a4161a; }
    * { box-sizing: border-box; }
    body { margin:0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Noto Sans JP", sans-serif; color:var(--ink); background:var(--bg); }
    header { display:flex; flex-wrap:wrap; align-items:center; gap:1rem; padding:.6rem 1.5rem; background:#fff; border-bottom:1px solid var(--line); }
    header .brand { font-weight:700; color:var(--accent); text-decoration:none; font-size:1.15rem; }
    header nav { display:flex; gap:1rem; flex-wrap:wrap; }
    header nav a { color:var(--ink); text-decoration:none; }
    header nav a:hover { text-decoration:underline; }
    header .tools { margin-left:auto; display:flex; align-items:center; gap:.75rem; }
    header form { margin:0; display:inline; }
    .language button { background:none; border:none; color:var(--muted); cursor:pointer; padding:.2rem .3rem; }
    .language button[aria-current="true"] { color:var(--ink); font-weight:600; text-decoration:underline; }
    main { max-width:1100px; margin:0 auto; padding:1.5rem; }
    footer { max-width:1100px; margin:2rem auto; padding:0 1.5rem; color:var(--muted); font-size:.85rem; }
    h1 { font-size:1.6rem; margin:.2rem 0 1rem; }
    h2 { font-size:1.2rem; margin-top:2rem; }
    table { width:100%; border-collapse:collapse; background:#fff; border:1px solid var(--line); }
    th, td { text-align:left; padding:.45rem .6rem; border-bottom:1px solid var(--line); vertical-align:top; }
    th { background:#eef0f4; font-weight:600; font-size:.9rem; }
    .card { background:#fff; border:1px solid var(--line); border-radius:6px; padding:1.2rem; max-width:720px; }
    .narrow { max-width:420px; }
    .field { margin-bottom:.9rem; display:flex; flex-direction:column; gap:.25rem; }
    .field.check { flex-direction:row; align-items:center; gap:.5rem; }
    .field label { font-weight:600; font-size:.9rem; }
    input[type=text], input[type=email], input[type=password], input[type=number], select, textarea {
      font:inherit; padding:.4rem .5rem; border:1px solid #b8bfcc; border-radius:4px; background:#fff; width:100%; }
    .filters { display:flex; flex-wrap:wrap; gap:.75rem; align-items:flex-end; margin-bottom:1rem; }
    .filters .field { margin:0; min-width:12rem; }
    .invalid input, .invalid select, .invalid textarea { border-color:var(--bad); }
    .field-error, .form-error { color:var(--bad); margin:.2rem 0; }
    .form-error { border-left:3px solid var(--bad); padding:.4rem .7rem; background:#fff0f0; }
    .hint, .muted { color:var(--muted); font-size:.85rem; }
    button, .button { font:inherit; display:inline-block; padding:.4rem .9rem; border-radius:4px; border:1px solid #b8bfcc;
      background:#fff; color:var(--ink); cursor:pointer; text-decoration:none; margin-right:.4rem; }
    .primary { background:var(--accent); border-color:var(--accent); color:#fff; }
    .danger { color:var(--bad); }
    button.link { border:none; background:none; padding:0 .3rem; text-decoration:underline; }
    form.inline { display:inline; }
    .actions { margin:1rem 0; }
    .flash { background:#eef7f0; border-left:3px solid var(--ok); padding:.4rem .7rem; }
    .ok { color:var(--ok); }
    .empty { color:var(--muted); font-style:italic; }
    dl.facts { display:grid; grid-template-columns:repeat(auto-fill, minmax(260px, 1fr)); gap:.4rem 1.5rem; background:#fff;
      border:1px solid var(--line); padding:1rem; border-radius:6px; }
    dl.facts dt { font-size:.8rem; color:var(--muted); }
    dl.facts dd { margin:0; white-space:pre-wrap; }
    fieldset { border:1px solid var(--line); border-radius:4px; margin-bottom:.9rem; }
    .secret { background:#fffbe6; border:1px solid #e5c100; padding:.7rem; border-radius:4px; margin-bottom:1rem; }
    .secret code { font-size:1rem; user-select:all; word-break:break-all; }
    code.changes { font-size:.8rem; word-break:break-all; }
    .pager { display:flex; gap:1rem; margin-top:1rem; }
    iframe.report { width:100%; height:80vh; border:1px solid var(--line); border-radius:6px; background:#fff; margin-top:1rem; }
    pre.command { background:#fff; border:1px solid var(--line); padding:.6rem; overflow-x:auto; white-space:pre-wrap; }
    details.card summary { cursor:pointer; font-weight:600; }
    .badge { display:inline-block; padding:.05rem .5rem; border-radius:999px; font-size:.8rem; background:#eef0f4; border:1px solid var(--line); }
    .badge.todo { background:#fff6db; border-color:#e5c100; }
    .state-approved, .state-approved_with_conditions { background:#e7f5ea; border-color:var(--ok); }
    .state-rejected { background:#fff0f0; border-color:var(--bad); }
    .state-submitted, .state-in_review { background:#e9f0fb; border-color:#4a6fa5; }
    .level-low { background:#e3f1df; } .level-medium { background:#ffd54f; } .level-high { background:#f57c00; color:#1a1a1a; }
    .level-critical { background:#b71c1c; color:#fff; }
    .gate { border-left:4px solid var(--ok); background:#fff; padding:.2rem 1rem .6rem; margin:1rem 0; }
    .gate.closed { border-left-color:var(--bad); }
    .gate h2 { margin-top:.6rem; }
    nav.tabs { display:flex; flex-wrap:wrap; gap:.3rem; margin:1rem 0; }
    .tab { padding:.3rem .7rem; border:1px solid var(--line); border-radius:4px 4px 0 0; background:#fff; text-decoration:none; color:var(--ink); font-size:.9rem; }
    .tab.current { background:var(--accent); color:#fff; border-color:var(--accent); }
    form.sheet section { background:#fff; border:1px solid var(--line); border-radius:6px; padding:.2rem 1rem 1rem; margin-bottom:1rem; }
    fieldset.question { border:none; border-top:1px solid var(--line); padding:.8rem 0 .4rem; margin:0; }
    fieldset.question legend { font-weight:600; padding:0; }
    fieldset.question.invalid { border-left:3px solid var(--bad); padding-left:.6rem; }
    .qid { font:500 .75rem ui-monospace, monospace; color:var(--muted); }
    .choices { display:flex; flex-wrap:wrap; gap:.3rem 1.2rem; margin:.3rem 0; }
    label.choice { font-weight:400; display:inline-flex; align-items:center; gap:.3rem; margin-right:1rem; }
    .evidence { font-size:.85rem; margin:.3rem 0; }
    .evidence.missing { color:var(--bad); }
    p.refs code { font-size:.72rem; color:var(--muted); margin-right:.3rem; }
    .actions.sticky { position:sticky; bottom:0; background:var(--bg); padding:.6rem 0; margin:0; border-top:1px solid var(--line); }
    .progress-line progress { width:14rem; vertical-align:middle; }
    .heatmaps { display:flex; flex-wrap:wrap; gap:1rem; margin:1rem 0; }
    .heatmaps figure { margin:0; background:#fff; border:1px solid var(--line); border-radius:6px; padding:.5rem; flex:1 1 420px; max-width:540px; }
    .heatmaps svg { width:100%; height:auto; }
    .condition { display:grid; grid-template-columns:3fr 2fr 1fr auto; gap:.4rem; margin-bottom:.4rem; align-items:center; }
    form.countermeasure { display:grid; grid-template-columns:3fr 2fr 1fr 1fr 1fr auto; gap:.4rem; margin:.3rem 0; align-items:center; }
    .inline-form { display:flex; flex-wrap:wrap; gap:.5rem; align-items:center; }
    .inline-form select, .inline-form input { width:auto; }
    textarea.code { font:13px/1.4 ui-monospace, monospace; }
    .steps form { margin:.4rem 0; }
    .steps .card { max-width:none; }
    article.card { max-width:none; margin-bottom:1rem; }
    """
}

/// The inline style sheet of the HTML report (system fonts, no external resources).
enum HTMLStyle {
    static let css = """

    :root{--pass:#2b8a3e;--pass-bg:#ebfbee;--fail:#c92a2a;--fail-bg:#fff5f5;--ink:#212529;--muted:#5c6670;--line:#dee2e6;
    --selection:#3b5bdb;--tpr:#0c8599;--fpr:#e8590c}
    *{box-sizing:border-box}
    body{margin:0;background:#f8f9fa;color:var(--ink);font:15px/1.55 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans CJK JP","Noto Sans JP",sans-serif}
    main{max-width:980px;margin:0 auto;padding:24px 28px 40px;background:#fff}
    h1{font-size:28px;margin:0 0 4px}
    h2{font-size:21px;margin:36px 0 8px;padding-bottom:4px;border-bottom:2px solid var(--line)}
    h3{font-size:16px;margin:22px 0 4px}
    .meta,.help{color:var(--muted);margin:0 0 8px}
    .help{font-size:14px;max-width:760px}
    code,pre{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:13px}
    td code{color:var(--muted);font-size:12px}
    .verdict{margin:20px 0;padding:16px 20px;border-radius:8px;border-left:8px solid var(--muted);background:#f1f3f5}
    .verdict p{margin:4px 0}
    .verdict .headline{font-size:22px;font-weight:700}
    .verdict.pass{border-color:var(--pass);background:var(--pass-bg)}
    .verdict.pass .headline{color:var(--pass)}
    .verdict.fail{border-color:var(--fail);background:var(--fail-bg)}
    .verdict.fail .headline{color:var(--fail)}
    .table-wrap{overflow-x:auto;margin:8px 0 12px}
    table{border-collapse:collapse;font-size:14px;min-width:50%}
    th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
    thead th{background:#f1f3f5;font-weight:600;white-space:nowrap}
    tbody th{font-weight:500;min-width:7em;max-width:18em;overflow-wrap:break-word}
    table.groups th:first-child{position:sticky;left:0;background:#fff;box-shadow:inset -1px 0 var(--line)}
    table.groups thead th:first-child{background:#f1f3f5}
    .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    tr.total th,tr.total td{font-weight:700;border-top:2px solid var(--line)}
    tr.fail td:first-child{box-shadow:inset 4px 0 var(--fail)}
    tr.pass td:first-child{box-shadow:inset 4px 0 var(--pass)}
    .badge{display:inline-block;padding:1px 10px;border-radius:12px;font-weight:700;font-size:13px;white-space:nowrap}
    .badge.pass{background:var(--pass-bg);color:var(--pass);border:1px solid var(--pass)}
    .badge.fail{background:var(--fail-bg);color:var(--fail);border:1px solid var(--fail)}
    .reason{color:var(--fail);font-size:13px;margin-top:2px}
    .na{color:#5f6770;font-style:italic}
    .chart-box{margin:6px 0 10px;border:1px solid #f1f3f5;border-radius:6px}
    .chart-box.scroll{max-height:640px;overflow:auto}
    .chart{display:block;width:100%;height:auto;font-size:12px}
    .chart .grid{stroke:#e9ecef}
    .chart .scale{stroke:#adb5bd;stroke-width:2}
    .chart .tick{fill:#868e96;font-size:11px}
    .chart .label{fill:var(--ink)}
    .chart .value,.chart .legend{fill:#495057;font-size:11px}
    .chart .value,.chart .overall-label,.chart .threshold-label{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
    .chart .bar.selection,.chart .key.selection,.chart .bar.mean,.chart .key.mean{fill:var(--selection)}
    .chart .bar.tpr,.chart .key.tpr,.chart .bar.mae,.chart .key.mae{fill:var(--tpr)}
    .chart .bar.fpr,.chart .key.fpr,.chart .bar.rmse,.chart .key.rmse{fill:var(--fpr)}
    .chart .overall{stroke:var(--ink);stroke-width:1.5;stroke-dasharray:5 3}
    .chart .overall-label{fill:var(--ink);font-size:11px;font-weight:600}
    .chart rect.na{fill:#f8f9fa;stroke:#adb5bd;stroke-dasharray:3 2}
    .chart .na-text{fill:#868e96;font-size:10px;font-style:italic}
    .chart .threshold{stroke-width:2.5}
    .chart .threshold.pass{stroke:var(--pass)}
    .chart .threshold.fail{stroke:var(--fail)}
    .chart .threshold-label{font-size:11px;font-weight:700}
    .chart .threshold-label.pass{fill:var(--pass)}
    .chart .threshold-label.fail{fill:var(--fail)}
    .chart .whisker{stroke:#495057;stroke-width:1.5;fill:none}
    .chart .dot{stroke:#fff;stroke-width:2}
    .chart .dot.pass{fill:var(--pass)}
    .chart .dot.fail{fill:var(--fail)}
    .chart .dot.neutral{fill:var(--selection)}
    .warnings li{margin:2px 0;color:#5f3dc4;overflow-wrap:anywhere}
    footer{margin-top:40px;padding-top:12px;border-top:1px solid var(--line);color:var(--muted);font-size:13px}
    footer pre{background:#f1f3f5;padding:10px 12px;border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere;color:var(--ink)}
    @media print{body{background:#fff}.chart-box.scroll{max-height:none;overflow:visible}main{padding:0}}

    """
}

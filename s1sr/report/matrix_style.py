"""The stylesheet of ``matrix.html`` (inlined; the page fetches nothing).

Verdict colours are the Okabe-Ito palette, told apart with the common colour-vision
deficiencies, and every cell carries a letter as well, so colour is never the only cue.
"""

STYLE = """
:root {
  --pass: #009E73; --fail: #D55E00; --error: #CC79A7; --inconclusive: #F0E442;
  --na: #DCDCDC; --none: #FFFFFF; --ink: #1b1b1b; --muted: #5a5a5a; --line: #c8c8c8;
  --bg: #f7f7f7; --panel: #ffffff; --out: #0072B2; --in: #E69F00;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: var(--ink); background: var(--bg);
}
body { margin: 0; }
header { padding: 12px 20px 8px; background: var(--panel); border-bottom: 1px solid var(--line); }
h1 { font-size: 1.25rem; margin: 0 0 6px; }
h1 code { font-size: 1rem; }
.meta { display: grid; grid-template-columns: max-content minmax(0, 1fr) max-content minmax(0, 1fr);
  gap: 2px 14px; font-size: .82rem; margin: 0; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.alert { margin: 8px 0 0; padding: 6px 10px; border-left: 4px solid var(--fail); background: #fff4ec;
  font-size: .85rem; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; margin: 8px 0 0; padding: 0; list-style: none;
  font-size: .85rem; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { display: inline-flex; align-items: center; justify-content: center; width: 20px; height: 20px;
  border-radius: 3px; font-weight: 700; font-size: 12px; border: 1px solid rgba(0,0,0,.25); }
#filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 8px 18px; padding: 8px 20px;
  background: var(--panel); border-bottom: 1px solid var(--line); font-size: .85rem; }
#filters fieldset { border: 1px solid var(--line); border-radius: 4px; padding: 2px 8px 4px; margin: 0;
  display: flex; flex-wrap: wrap; gap: 2px 10px; }
#filters legend { color: var(--muted); padding: 0 4px; }
#filters label { display: inline-flex; align-items: center; gap: 4px; }
#filters select, #filters input[type=search] { font: inherit; padding: 2px 4px; max-width: 24em; }
#filters input[type=search] { width: 16em; }
#f-count { color: var(--muted); }
main { padding: 10px 20px 24px; }
.grid-wrap { overflow: auto; max-height: calc(100vh - 40px); border: 1px solid var(--line);
  background: var(--panel); }
table.matrix { border-collapse: separate; border-spacing: 2px; font-size: 12px; }
table.matrix thead { position: sticky; top: 0; z-index: 2; background: var(--panel); }
table.matrix th { font-weight: 600; }
th.clause { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; text-align: left;
  vertical-align: bottom; padding: 4px 0; font-weight: 500; }
th.clause .cid { display: block; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
th.clause .fam { display: block; font-size: 10px; font-weight: 600; color: var(--muted);
  letter-spacing: .02em; }
.fstart { border-left: 2px solid #8a8a8a; padding-left: 2px !important; }
th.clause.fstart { border-left: 0; border-right: 2px solid #8a8a8a; }  /* rotated: right is left */
th.corner { text-align: left; vertical-align: bottom; padding: 4px 8px; position: sticky; left: 0;
  background: var(--panel); z-index: 3; }
tbody th { position: sticky; left: 0; z-index: 1; background: var(--panel); text-align: left;
  white-space: nowrap; padding: 0 10px 0 4px; font-weight: 600; }
tbody th small { display: block; font-weight: 400; color: var(--muted); font-size: 10px;
  white-space: normal; min-width: 14em; max-width: 26em; overflow-wrap: anywhere; }
.type { display: inline-block; min-width: 3.8em; font-size: 10px; font-weight: 600; color: var(--muted); }
td.cell { padding: 0; }
td.cell .c { display: flex; align-items: center; justify-content: center; width: 26px; height: 26px;
  border: 1px solid rgba(0,0,0,.25); border-radius: 3px; font: 700 12px/1 system-ui, sans-serif;
  color: #000; padding: 0; }
td.cell button.c { cursor: pointer; }
td.cell button.c:hover, td.cell button.c:focus-visible { outline: 3px solid #000; outline-offset: 1px; }
.v-PASS { background: var(--pass); }
.v-FAIL { background: var(--fail); }
.v-ERROR { background: var(--error); }
.v-INCONCLUSIVE { background: var(--inconclusive); }
.v-NOT_APPLICABLE { background: var(--na); color: #444 !important; }
.v-NOT_RUN { background: var(--none); color: #888 !important; border-style: dashed !important; }
td.cell.dim .c { opacity: .14; }
td.cell.selected .c { outline: 3px solid #000; outline-offset: 1px; }
#empty { padding: 16px; color: var(--muted); }
dialog#evidence { width: min(1100px, 94vw); max-height: 90vh; padding: 0; border: 1px solid #888;
  border-radius: 6px; box-shadow: 0 8px 40px rgba(0,0,0,.35); }
dialog#evidence::backdrop { background: rgba(0,0,0,.35); }
.ev-head { position: sticky; top: 0; display: flex; align-items: center; gap: 10px; padding: 10px 16px;
  background: var(--panel); border-bottom: 1px solid var(--line); }
.ev-head h2 { font-size: 1.05rem; margin: 0; flex: 1; overflow-wrap: anywhere; }
.ev-head button { font: inherit; padding: 3px 12px; }
#ev-body { padding: 6px 16px 16px; font-size: .88rem; }
#ev-body dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 3px 12px; }
#ev-body dt { color: var(--muted); }
#ev-body dd { margin: 0; overflow-wrap: anywhere; }
#ev-body h3 { font-size: .95rem; margin: 14px 0 6px; overflow-wrap: anywhere; }
.check { border-left: 4px solid var(--pass); background: #f1faf6; padding: 4px 8px; margin: 6px 0; }
.check.failed { border-left-color: var(--fail); background: #fdf1ea; }
.check p { margin: 2px 0; overflow-wrap: anywhere; }
.frame { border-left: 4px solid var(--out); padding: 2px 8px; margin: 6px 0; background: #f4f8fb; }
.frame.in { border-left-color: var(--in); background: #fdf8ee; }
.frame .fh { color: var(--muted); font-size: .8rem; overflow-wrap: anywhere; }
.frame .fh b { color: var(--ink); }
pre { font: 12px/1.35 ui-monospace, "DejaVu Sans Mono", monospace; margin: 4px 0; }
pre.hex { white-space: pre-wrap; word-break: break-all; background: #fff; padding: 4px 6px;
  border: 1px solid #e2e2e2; }
pre.json { white-space: pre-wrap; overflow-wrap: anywhere; max-height: 22em; overflow: auto;
  background: #fff; padding: 4px 6px; border: 1px solid #e2e2e2; }
details > summary { cursor: pointer; color: var(--muted); font-size: .8rem; }
.note { color: var(--muted); font-style: italic; }
.role { display: inline-block; font-size: .72rem; font-weight: 700; padding: 0 5px; margin-right: 4px;
  border-radius: 3px; border: 1px solid var(--line); }
.role.under-test { background: #fff; border-color: var(--ink); }
.role.setup { color: var(--muted); }
#ev-body h4 { font-size: .85rem; margin: 10px 0 4px; color: var(--muted); }
"""

"""`pncti` command line: ingest | status | indicators | checks | ask | eval | serve | feedback."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
import threading
from pathlib import Path
from typing import Any

from assistant.settings import Settings, get_settings

log = logging.getLogger("pncti")


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _open_store(settings: Settings) -> Any:
    from ingest import generations, sidestore

    gen = generations.require_generation(settings.data_dir)
    return sidestore.connect(gen / "side.sqlite", readonly=True)


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.pipeline import run_ingest

    paths = [Path(p) for p in args.paths] or [settings.corpus_dir]
    report = run_ingest(
        paths, settings.data_dir, settings.embedder, settings.embedder_path,
        max_pdf_bytes=settings.max_pdf_bytes, pdf_timeout_s=settings.pdf_timeout_s,
        pdf_memory_mb=settings.pdf_memory_mb, progress=not args.json and sys.stderr.isatty(),
        rebuild=args.rebuild, chroma_host=settings.chroma_host, chroma_port=settings.chroma_port,
        embedder_int8=settings.embedder_int8,
    )
    if args.json:
        _print_json(report.as_json())
    else:
        print(f"Ingeridos: {len(report.ingested)}  Sin cambios: {len(report.unchanged)}  "
              f"Eliminados: {len(report.removed)}  Omitidos: {len(report.skipped)}")
        for item in report.skipped:
            print(f"  omitido {item['file']}: {item['reason']}")
        if report.hidden_chars_dropped:
            print(f"  texto oculto descartado: {report.hidden_chars_dropped} caracteres")
    return 0


def cmd_status(args: argparse.Namespace, settings: Settings) -> int:
    from ingest import sidestore

    with contextlib.closing(_open_store(settings)) as conn:
        data = sidestore.status(conn)
        docs = sidestore.documents(conn)
    if args.json:
        _print_json(data)
    else:
        print(f"Documentos: {data['documents']}  Fragmentos: {data['chunks']}  "
              f"Indicadores: {data['indicators']}  Valores: {data['values']}")
        for d, rep in zip(docs, data["per_document"], strict=True):
            print(f"  - [{d['policy'] or '?'} · {rep['kind']}] {d['title'][:60]} (periodo {d['period']}, "
                  f"{d['pages']} págs.): {rep['indicators_found']} indicadores, {rep['values_found']} valores, "
                  f"{rep['unplaced_figures']} cifras sin rol, {rep['discrepancies']} discrepancias")
    return 0


def _stated_targets(conn: Any) -> dict[tuple[str, str], dict[str, Any]]:
    """(policy, code) → targets by year, baseline and its year; a policy document's word wins."""
    from ingest import sidestore

    stated: dict[tuple[str, str], dict[str, Any]] = {}
    rows = sorted(sidestore.targets(conn), key=lambda t: t["doc_type"] == "politica")
    for t in rows:
        entry = stated.setdefault((t["policy"], t["code"] or t["indicator_id"]),
                                  {"targets": {}, "baseline": None, "baseline_year": None})
        if t["kind"] == "meta" and t["year"] is not None:
            entry["targets"][t["year"]] = t["value"]
        elif t["kind"] == "linea_base":
            entry["baseline"], entry["baseline_year"] = t["value"], t["year"]
    return stated


def indicator_rows(conn: Any, code: str | None) -> list[dict[str, Any]]:
    """Rows of `pncti indicators`: one per indicator, document and period, with its policy, value,
    progress, status, the targets and baseline the documents state, and provenance."""
    from ingest import sidestore

    stated = _stated_targets(conn)
    rows = []
    seen: set[tuple[str, str]] = set()
    for r in sidestore.indicator_values(conn, code):
        seen.add((r["doc_id"], r["indicator_id"]))
        key = (r["policy"], r["code"] or r["indicator_id"])
        entry = stated.get(key, {"targets": {}, "baseline": None, "baseline_year": None})
        rows.append({
            "code": r["code"] or r["indicator_id"], "name": r["official_name"] or r["name"], "policy": r["policy"],
            "kind": r["doc_type"], "period": r["period"], "value": r["value"], "unit": r["unit"],
            "progress_pct": r["progress_pct"], "status": r["status"], "reason": r["reason"],
            "target": entry["targets"].get(r["period"]), "baseline": entry["baseline"],
            "baseline_year": entry["baseline_year"], "targets": entry["targets"], "direction": r["direction"],
            "document": r["document"], "page": r["page"], "quote": r["quote"], "progress_page": r["progress_page"]})
    # Indicators a document defines without a value (a policy's indicator matrix): their targets.
    for ind in sidestore.indicator_definitions(conn, code):
        if (ind["doc_id"], ind["indicator_id"]) in seen:
            continue
        entry = stated.get((ind["policy"], ind["code"] or ind["indicator_id"]))
        if entry is None and ind["doc_type"] != "politica":
            continue
        entry = entry or {"targets": {}, "baseline": None, "baseline_year": None}
        rows.append({
            "code": ind["code"] or ind["indicator_id"], "name": ind["official_name"] or ind["name"],
            "policy": ind["policy"], "kind": ind["doc_type"], "period": None, "value": None, "unit": None,
            "progress_pct": None, "status": "meta", "reason": None, "target": None,
            "baseline": entry["baseline"], "baseline_year": entry["baseline_year"], "targets": entry["targets"],
            "direction": ind["direction"], "document": ind["document"], "page": ind["page"], "quote": ind["quote"],
            "progress_page": None})
    return rows


def cmd_indicators(args: argparse.Namespace, settings: Settings) -> int:
    with contextlib.closing(_open_store(settings)) as conn:
        rows = indicator_rows(conn, args.code)
    if args.code and not rows:
        print(f"No se encontró el indicador {args.code}. Use `pncti indicators` para ver la lista.",
              file=sys.stderr)
        return 1
    if args.json:
        _print_json(rows)
        return 0
    from ingest.numbers import format_number

    for r in rows:
        value = "ND" if r["value"] is None else format_number(r["value"]) + (r["unit"] and f" {r['unit']}" or "")
        progress = "" if r["progress_pct"] is None else f"  avance {format_number(r['progress_pct'])}%"
        if r["status"] == "meta":
            value = "metas " + ", ".join(f"{y}: {format_number(v)}" for y, v in sorted(r["targets"].items()))
        print(f"{r['policy']:<6} {r['code']:<18} {r['period'] or '-'}  {value}{progress}  [{r['status']}]"
              f"  pág. {r['page']}")
        print(f"    {r['name']}")
    return 0


def cmd_checks(args: argparse.Namespace, settings: Settings) -> int:
    from ingest import sidestore

    with contextlib.closing(_open_store(settings)) as conn:
        rows = sidestore.checks(conn, only_discrepancies=not args.all)
        missed = sidestore.unplaced(conn)
    if args.json:
        _print_json({"checks": rows, "unplaced": missed})
        return 0
    if not rows:
        print("No se registraron discrepancias.")
    for r in rows:
        mark = "OK " if r["consistent"] else "DISCREPANCIA"
        print(" ".join(part for part in (mark, r["indicator_id"], r["description"]) if part))
        print(f"    pág. {r['page_a']}: «{r['quote_a']}»")
        if r["quote_b"] != r["quote_a"]:
            print(f"    pág. {r['page_b']}: «{r['quote_b']}»")
    if missed:
        print(f"\nCifras sin rol ({len(missed)}): el lector las vio en el ámbito de un indicador y no supo qué son.")
    for m in missed:
        print(f"  {m['policy']} {m['indicator_id'] or ''} «{m['raw']}» — {m['document'][:50]}, pág. {m['page']}")
        print(f"    «{m['quote']}»")
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from pncti.wiring import build_assistant

    assistant = build_assistant(settings)
    answer = assistant.ask(args.question, [])
    if args.json:
        _print_json(answer.to_dict())
        return 0
    print(answer.text)
    if answer.citations:
        print("\nFuentes:")
        for c in answer.citations:
            print(f"  - {c.document}, pág. {c.page}: «{c.quote}»")
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.evaluation import format_report, run_eval
    from pncti.wiring import build_assistant

    result = run_eval(build_assistant(settings), Path(args.file))
    if args.json:
        _print_json(result)
    else:
        print(format_report(result))
    wrong_share = result["outcomes"]["confidently_wrong"] / (result["total"] or 1)
    if result["accuracy"] < args.min_accuracy or (
            args.max_confidently_wrong is not None and wrong_share > args.max_confidently_wrong):
        return 1
    return 0


def _warm_searches(assistant: Any) -> None:
    from ingest.embedder import BackgroundEmbeddings

    try:
        if isinstance(assistant.kb.embeddings, BackgroundEmbeddings):
            assistant.kb.embeddings.start()
        assistant.warm_up_searches()
    except Exception as exc:  # noqa: BLE001 — the model's error was logged; a search will show it
        log.warning("Sin precalentamiento de búsquedas: %s", exc)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from assistant.web.app import create_server
    from pncti.wiring import build_assistant

    settings = settings.model_copy(update={"host": args.host or settings.host, "port": args.port or settings.port})
    # The store opens first, then the encoder loads in a thread: figure questions are answered
    # as soon as the server listens, a search waits for the model.
    assistant = build_assistant(settings, background_encoder=True)
    assistant.warm_up(searches=False)
    threading.Thread(target=_warm_searches, args=(assistant,), name="warm-up-searches", daemon=True).start()
    app = create_server(assistant, settings, ui_after_start=True)
    print(f"Asistente PNCTI en http://{settings.host}:{settings.port}{settings.root_path}/", flush=True)
    uvicorn.run(app, host=settings.host, port=settings.port, root_path=settings.root_path,
                proxy_headers=True, forwarded_allow_ips=settings.forwarded_allow_ips, log_level="info")
    return 0


def cmd_feedback(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.feedback import FeedbackStore

    rows = FeedbackStore(settings.data_dir / "feedback.sqlite").export()
    if args.json:
        _print_json(rows)
    else:
        for r in rows:
            print(f"{r['created_at']} {'👍' if r['rating'] > 0 else '👎'} {r['question']}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the docs test)."""
    parser = argparse.ArgumentParser(prog="pncti", description="Asistente PNCTI al 2030")
    parser.add_argument("-v", "--verbose", action="store_true", help="registro detallado")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="ingiere el corpus (por defecto corpus/)")
    p.add_argument("paths", nargs="*", help="archivos o carpetas")
    p.add_argument("--json", action="store_true")
    p.add_argument("--rebuild", action="store_true", help="reconstruye todo desde cero")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("status", help="cuenta documentos, fragmentos, indicadores y valores")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("indicators", help="valores de los indicadores con su fuente")
    p.add_argument("--code", help="código, p. ej. IOP.03.01")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_indicators)

    p = sub.add_parser("checks", help="discrepancias registradas al ingerir")
    p.add_argument("--all", action="store_true", help="incluye las comprobaciones consistentes")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_checks)

    p = sub.add_parser("ask", help="hace una pregunta")
    p.add_argument("question")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("eval", help="evalúa un archivo de preguntas (formato dev_qa.jsonl): correctas, "
                       "rechazadas con respuesta, respondidas mal y respondidas cuando debían rechazarse")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.add_argument("--min-accuracy", type=float, default=0.0, help="falla (código 1) por debajo de esta exactitud")
    p.add_argument("--max-confidently-wrong", type=float, default=None,
                   help="falla (código 1) si la proporción de respuestas dadas y equivocadas la supera")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("serve", help="sirve la API y el chat")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("feedback", help="exporta las valoraciones 👍/👎")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_feedback)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `pncti` command."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    from ingest.generations import CorpusNotIngested

    try:
        return args.func(args, get_settings())
    except CorpusNotIngested as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except RuntimeError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env node
// The scorer of the annotation guide, kept in the project so that scripts and
// tests need nothing outside it (the team's reference scorer, unchanged below
// this header).
// Scores an annotation export against a gold file (see the annotation guide).
//
//   node scripts/score-gold.mjs GOLD.json PREDICTED.json [--json] [--min KEY=VALUE ...]
//
// Both files hold {entities: [...], actions: [...]} with code-point offsets.
// PREDICTED may also be a JSON array of such documents, or JSON Lines; the
// document whose `file`/`source.path` ends with the gold file's name is used,
// else the first one.
// Prints precision / recall / F1 per entity type (exact and overlapping
// spans), department canonical-name accuracy, quantity value+unit accuracy and
// action recall. With --min, exits 1 when a figure falls below its floor,
// e.g. --min department.f1=0.95 --min quantity.correct=0.97.
import { readFileSync } from "node:fs";
import { basename } from "node:path";

const args = process.argv.slice(2);
const floors = [];
const files = [];
let asJson = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--json") asJson = true;
  else if (args[i] === "--min") floors.push(args[++i]);
  else files.push(args[i]);
}
if (files.length !== 2) {
  console.error("usage: score.mjs GOLD.json PREDICTED.json [--json] [--min KEY=VALUE ...]");
  process.exit(2);
}

const gold = JSON.parse(readFileSync(files[0], "utf8"));
const predicted = pickDocument(readDocuments(files[1]), gold.file ?? basename(files[0]));

function readDocuments(path) {
  const text = readFileSync(path, "utf8").trim();
  try {
    const value = JSON.parse(text);
    return Array.isArray(value) ? value : [value];
  } catch {
    return text.split("\n").filter((line) => line.trim()).map((line) => JSON.parse(line));
  }
}

function pickDocument(docs, name) {
  const stem = name.replace(/\.gold\.json$|\.json$/, "");
  const nameOf = (d) => String(d.file ?? d.source?.path ?? d.document?.path ?? d.uri ?? "");
  return docs.find((d) => basename(nameOf(d)).startsWith(stem)) ?? docs[0];
}

const overlaps = (a, b) => a.start < b.end && b.start < a.end;
const ratio = (n, d) => (d === 0 ? 1 : n / d);
const f1 = (p, r) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

const types = ["department", "organization", "place", "person", "quantity", "date", "document", "term"];
const report = {};
const goldEntities = gold.entities ?? [];
const predEntities = (predicted.entities ?? []).filter((e) => Number.isInteger(e.start) && Number.isInteger(e.end));

for (const type of types) {
  const g = goldEntities.filter((e) => e.type === type);
  const p = predEntities.filter((e) => e.type === type);
  const exact = p.filter((e) => g.some((x) => x.start === e.start && x.end === e.end)).length;
  // Overlap matching pairs each gold span with at most one prediction.
  const used = new Set();
  const pairs = [];
  for (const e of g) {
    const hit = p.findIndex((x, i) => !used.has(i) && overlaps(x, e));
    if (hit >= 0) {
      used.add(hit);
      pairs.push([e, p[hit]]);
    }
  }
  const precision = ratio(exact, p.length);
  const recall = ratio(exact, g.length);
  const loosePrecision = ratio(pairs.length, p.length);
  const looseRecall = ratio(pairs.length, g.length);
  const row = {
    gold: g.length,
    predicted: p.length,
    precision: precision,
    recall: recall,
    f1: f1(precision, recall),
    overlap_f1: f1(loosePrecision, looseRecall),
  };
  if (type === "department") {
    // 中国共产党… and 中共… name the same Party organ.
    const canon = (name) => String(name ?? "").replace(/^中国共产党/, "中共");
    const same = pairs.filter(([a, b]) => a.canonical && canon(a.canonical) === canon(b.canonical)).length;
    row.canonical = ratio(same, g.length);
  }
  if (type === "quantity") {
    const close = (a, b) => typeof b === "number" && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));
    const correct = pairs.filter(([a, b]) => close(a.value, b.value) && (a.unit ?? "") === (b.unit ?? "")).length;
    row.correct = ratio(correct, g.length);
  }
  report[type] = row;
}

// Micro-average over every type: exact spans with the same type.
{
  const exact = predEntities.filter((e) =>
    goldEntities.some((x) => x.type === e.type && x.start === e.start && x.end === e.end),
  ).length;
  const precision = ratio(exact, predEntities.length);
  const recall = ratio(exact, goldEntities.length);
  report.all = { gold: goldEntities.length, predicted: predEntities.length, precision, recall, f1: f1(precision, recall) };
}

const goldActions = gold.actions ?? [];
const predActions = (predicted.actions ?? []).filter((a) => Number.isInteger(a.start) && Number.isInteger(a.end));
const found = goldActions.filter((a) =>
  predActions.some((b) => b.department === a.department && overlaps(a, b)),
).length;
const supported = predActions.filter((b) =>
  goldActions.some((a) => b.department === a.department && overlaps(a, b)),
).length;
report.action = {
  gold: goldActions.length,
  predicted: predActions.length,
  recall: ratio(found, goldActions.length),
  supported_precision: ratio(supported, predActions.length),
};

const failures = [];
for (const floor of floors) {
  const [key, value] = floor.split("=");
  const [type, figure] = key.split(".");
  const actual = report[type]?.[figure];
  if (typeof actual !== "number") failures.push(`${key}: no such figure`);
  else if (actual < Number(value)) failures.push(`${key} = ${actual.toFixed(3)} < ${value}`);
}

if (asJson) {
  console.log(JSON.stringify({ file: gold.file, report, failures }, null, 1));
} else {
  const fmt = (x) => (typeof x === "number" ? x.toFixed(3) : String(x ?? ""));
  console.log(`scored ${gold.file ?? files[0]}`);
  console.log("type          gold  pred  P      R      F1     overlapF1  extra");
  for (const type of types) {
    const r = report[type];
    const extra = r.canonical !== undefined ? `canonical ${fmt(r.canonical)}` : r.correct !== undefined ? `value+unit ${fmt(r.correct)}` : "";
    console.log(
      `${type.padEnd(13)} ${String(r.gold).padStart(4)}  ${String(r.predicted).padStart(4)}  ${fmt(r.precision)}  ${fmt(r.recall)}  ${fmt(r.f1)}  ${fmt(r.overlap_f1)}      ${extra}`,
    );
  }
  const all = report.all;
  console.log(`all           ${String(all.gold).padStart(4)}  ${String(all.predicted).padStart(4)}  ${fmt(all.precision)}  ${fmt(all.recall)}  ${fmt(all.f1)}`);
  const a = report.action;
  console.log(`action        ${String(a.gold).padStart(4)}  ${String(a.predicted).padStart(4)}  recall ${fmt(a.recall)}  supported precision ${fmt(a.supported_precision)}`);
  for (const f of failures) console.log(`below floor: ${f}`);
}
process.exit(failures.length ? 1 : 0);

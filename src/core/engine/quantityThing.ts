// What a quantity counts: the measured noun after its unit (1.75万名科技特派员
// → 科技特派员) or, when nothing follows, the head before it (患者4万余名 →
// 患者). Two quantities are totalled together only when they have the same
// unit AND the same thing; a quantity whose thing cannot be told is not
// totalled with any other (different contexts are never summed). Pure
// string heuristics over one line: no tokenizer on the editor's thread.

/** The thing a quantity measures and where it was found. */
export interface QuantityThing {
  side: 'after' | 'before';
  text: string;
}

/** Most characters of a thing. */
const MAX_AFTER = 8;
const MAX_BEFORE = 4;

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
/** Words that end the noun after a quantity (a function word, or a verb phrase starting). */
const AFTER_STOPS = [
  '的', '和', '与', '及', '或', '等', '在', '对', '为', '向', '将', '把', '被', '从', '到', '由', '以', '均', '共', '已', '都', '也', '还', '并', '是', '有',
  '带领', '参加', '参与', '进行', '开展', '投入', '完成', '实现', '达到', '获得', '接受', '累计', '分别', '全部', '陆续', '奔赴', '走进', '深入', '前往', '赴',
  '提供', '实施', '推动', '覆盖', '受益', '签约', '左右', '以上', '以下',
];
/** Characters that end the head before a quantity (scanning back). */
const BEFORE_STOPS = new Set('的了为对向给是有达约共计超近逾及和与等在将把被从到由以近余多'.split(''));

function stopAt(line: string, pos: number): boolean {
  for (const w of AFTER_STOPS) if (line.startsWith(w, pos)) return true;
  return false;
}

/** The thing the quantity at [start, end) of `line` measures, or undefined when it cannot be told. */
export function quantityThing(line: string, start: number, end: number): QuantityThing | undefined {
  let i = end;
  while (i < line.length && i - end < MAX_AFTER && HAN.test(line[i]) && !stopAt(line, i)) i++;
  if (i > end) return { side: 'after', text: line.slice(end, i) };
  // nothing (or a function word) follows: the head before, when the quantity is not followed by more text of its own
  let j = start;
  while (j > 0 && start - j < MAX_BEFORE && HAN.test(line[j - 1]) && !BEFORE_STOPS.has(line[j - 1])) j--;
  if (j < start) return { side: 'before', text: line.slice(j, start) };
  return undefined;
}

/** A quantity as the total needs it. */
export interface CountedQuantity {
  value?: number;
  unit?: string;
  thing?: QuantityThing;
}

/** Whether two quantities measure the same thing in the same unit. */
export function sameThing(a: CountedQuantity, b: CountedQuantity): boolean {
  return !!a.thing && !!b.thing && (a.unit ?? '') === (b.unit ?? '') && a.thing.side === b.thing.side && a.thing.text === b.thing.text;
}

/** Count and total of the quantities with the target's unit and thing (the target included); undefined when its thing is unknown or it has no value. */
export function thingTotal(target: CountedQuantity, all: Iterable<CountedQuantity>): { count: number; total: number } | undefined {
  if (!target.thing || typeof target.value !== 'number') return undefined;
  let count = 0;
  let total = 0;
  for (const q of all) {
    if (typeof q.value !== 'number' || !sameThing(target, q)) continue;
    count++;
    total += q.value;
  }
  return { count, total };
}

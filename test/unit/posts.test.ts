import assert from 'node:assert/strict';
import { Annotator } from '../../src/core/recognise/annotator';
import { postsAt, postsOf } from '../../src/core/engine/posts';

// Posts read around real annotations (nodejieba tokens), as the hover reads them.
const annotator = new Annotator();

function posts(line: string): Record<string, string[]> {
  const entities = annotator.annotate(line);
  const out: Record<string, string[]> = {};
  for (const e of entities.filter((x) => x.type === 'person')) out[e.text] = postsAt(line, e, entities);
  return out;
}

describe('posts of persons', function () {
  this.timeout(60000);

  it('reads a title before the name with the organ it belongs to', () => {
    assert.deepEqual(posts('海拉尔区人民政府区长\u3000\u3000杨国宏'), { 杨国宏: ['海拉尔区人民政府区长'] });
    assert.deepEqual(posts('贵州省政协原党组书记、主席王富玉违规收受礼品'), { 王富玉: ['贵州省政协原党组书记、主席'] });
  });

  it('reads appointments and removals (任命…为…, 免去…职务)', () => {
    assert.deepEqual(posts('经研究，任命张三为市财政局局长。'), { 张三: ['市财政局局长'] });
    assert.deepEqual(posts('免去李明的市教育局副局长职务。'), { 李明: ['市教育局副局长（免去）'] });
  });

  it('reads a title after the name, and gives none where there is none', () => {
    assert.deepEqual(posts('王富玉书记指出，要加强作风建设。'), { 王富玉: ['书记'] });
    assert.deepEqual(posts('巴特尔的妻子萨仁笑着说，日子好了。'), { 萨仁: [] });
  });

  it('gathers the posts of all mentions once each, in order', () => {
    const a = '经研究，任命张三为市财政局局长。';
    const b = '张三局长主持会议。';
    const mention = (line: string) => {
      const entities = annotator.annotate(line);
      return { line, entity: entities.find((e) => e.type === 'person')!, lineEntities: entities };
    };
    assert.deepEqual(postsOf([mention(a), mention(b), mention(a)]), ['市财政局局长', '局长']);
  });
});

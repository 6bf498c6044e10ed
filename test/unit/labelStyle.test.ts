import assert from 'node:assert/strict';
import { contrast, labelChip, solidColor, textColorOn } from '../../src/core/tags/labelStyle';

describe('label chips (visible labels)', () => {
  it('normalises colours to #rrggbb and rejects others', () => {
    assert.equal(solidColor('#ABC'), '#aabbcc');
    assert.equal(solidColor('#1f77b4cc'), '#1f77b4');
    assert.equal(solidColor('#1F77B4'), '#1f77b4');
    assert.equal(solidColor('red'), undefined);
    assert.equal(solidColor('#12345'), undefined);
  });

  it('picks black or white text, whichever has the higher contrast', () => {
    assert.equal(textColorOn('#ffff00'), '#000000');
    assert.equal(textColorOn('#1f3a93'), '#ffffff');
    assert.equal(textColorOn('#000000'), '#ffffff');
    assert.equal(textColorOn('#ffffff'), '#000000');
    assert.ok(Math.abs(contrast('#000000', '#ffffff') - 21) < 1e-9);
  });

  it('every chip of a spread of colours reads at WCAG AA for large text (3:1) at least', () => {
    for (const c of ['#e6194b', '#3cb44b', '#ffe119', '#4363d8', '#f58231', '#911eb4', '#46f0f0', '#f032e6', '#808080', '#495057']) {
      const chip = labelChip('措施', c, '#495057');
      assert.ok(contrast(chip.background, chip.color) >= 3, `${c}: ${contrast(chip.background, chip.color)}`);
    }
  });

  it('uses the fallback for a missing or unreadable colour', () => {
    assert.deepEqual(labelChip('目标', undefined, '#495057'), { text: '目标', background: '#495057', color: '#ffffff' });
    assert.equal(labelChip('目标', 'blue', '#495057').background, '#495057');
  });
});

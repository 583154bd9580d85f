import { describe, expect, it } from 'vitest';
import { textProblem } from '../../server/domain/text-safety.ts';

describe('what no stored text may hold', () => {
  it('Latvian text, emoji and other characters beyond the BMP, tab, LF and CR LF are fine', () => {
    for (const text of ['Rancāne, Kārkliņa, Šteins', '𝕏 😀 ok', 'a\tb\nc\r\nd', '', 'ﬁ\u00a0\u200b'])
      expect(textProblem(text, 'name'), JSON.stringify(text)).toBeNull();
  });

  it('a lone surrogate, high or low, anywhere, is refused', () => {
    for (const text of ['\ud800', 'a\udfff', 'x\ud83d', '\ude00y', '😀'.slice(0, 1)])
      expect(textProblem(text, 'text')).toMatch(/U\+D[89A-F]/);
  });

  it('NUL and the other C0 controls except tab, LF and CR are refused', () => {
    for (let code = 0; code < 0x20; code++) {
      const problem = textProblem(`a${String.fromCharCode(code)}b`, 'text');
      if ([0x09, 0x0a, 0x0d].includes(code)) expect(problem).toBeNull();
      else expect(problem, code.toString(16)).toContain(`U+00${code.toString(16).toUpperCase().padStart(2, '0')}`);
    }
  });

  it('bidirectional embeddings, overrides and isolates are refused in names only', () => {
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      const value = `Anna ${String.fromCharCode(code)}Ozola`;
      expect(textProblem(value, 'name')).toContain(`U+${code.toString(16).toUpperCase()}`);
      expect(textProblem(value, 'text')).toBeNull();
    }
    // The marks (LRM, RLM) change no order of what is shown.
    expect(textProblem('Anna\u200eOzola\u200f', 'name')).toBeNull();
  });
});

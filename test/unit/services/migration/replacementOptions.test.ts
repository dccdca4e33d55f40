import assert from 'node:assert/strict';
import {
  featureKeys,
  featuresOf,
  isOptionNumber,
  keepsAllE4Features,
  optionNumbers,
  parityOption,
} from '../../../../src/services/migration/replacementOptions.js';

describe('replacementOptions', () => {
  it("holds the guide's feature matrix, row by row", () => {
    // Rows in the guide's order; columns are options 1–4 (Y = true).
    const guide: Record<string, string> = {
      allE4Features: 'YYYN',
      phoneNumbersInOffice365: 'YYNN',
      hybridPhoneNumbers: 'YYNN',
      pstnCallingPlan: 'YYNN',
      pstnConferencing: 'YNNN',
      advancedCollaborationAnalyticsSecurity: 'YNNN',
      interactiveReports: 'YNNN',
      dataSecurityCompliance: 'YNNN',
    };
    assert.deepEqual([...featureKeys], Object.keys(guide));
    for (const key of featureKeys) {
      const row = optionNumbers.map((option) => (featuresOf(option)[key] ? 'Y' : 'N')).join('');
      assert.equal(row, guide[key], key);
    }
  });

  it('names option 3 the parity option; options 1–3 keep all E4 features', () => {
    assert.equal(parityOption, 3);
    assert.deepEqual(
      optionNumbers.filter((option) => keepsAllE4Features(option)),
      [1, 2, 3],
    );
  });

  it('recognises option numbers only', () => {
    assert.deepEqual([0, 1, 4, 5, '1', undefined].map(isOptionNumber), [
      false,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

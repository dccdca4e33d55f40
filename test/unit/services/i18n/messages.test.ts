import assert from 'node:assert/strict';
import { supportedLanguages } from '../../../../src/services/i18n/language.js';
import { catalogs, placeholdersOf, translate } from '../../../../src/services/i18n/messages.js';

describe('message catalogs', () => {
  const reference = catalogs.en;
  for (const language of supportedLanguages) {
    it(`${language} has every key, no extra key, and the same placeholders as English`, () => {
      const catalog = catalogs[language];
      assert.deepEqual(Object.keys(catalog).sort(), Object.keys(reference).sort());
      for (const [key, message] of Object.entries(catalog)) {
        assert.ok(message.trim().length > 0, `${language} ${key} is empty`);
        assert.deepEqual(
          placeholdersOf(message),
          placeholdersOf(reference[key as keyof typeof reference]),
          key,
        );
      }
    });
  }

  it('fills placeholders and leaves a missing one visible', () => {
    assert.equal(
      translate('sv', 'error.partnerCenterBusy', { seconds: 30 }),
      'Partnercenter är upptaget just nu. Försök igen om 30 sekunder.',
    );
    assert.match(translate('nl', 'error.missingGdapRole'), /\{customer\}/);
  });

  it('uses the seeds’ Swedish and Dutch role names', () => {
    assert.equal(translate('sv', 'role.AdminAgent'), 'Administratörsagent');
    assert.equal(translate('nl', 'role.SalesAgent'), 'Verkoopagent');
  });
});

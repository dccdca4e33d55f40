import assert from 'node:assert/strict';
import {
  chooseLanguage,
  languageOfLocale,
  parseLanguageName,
} from '../../../../src/services/i18n/language.js';

describe('language choice', () => {
  it('maps locales to the languages we speak, English otherwise', () => {
    assert.equal(languageOfLocale('sv-SE'), 'sv');
    assert.equal(languageOfLocale('sv-FI'), 'sv');
    assert.equal(languageOfLocale('nl-BE'), 'nl');
    assert.equal(languageOfLocale('NL_nl'), 'nl');
    assert.equal(languageOfLocale('en-US'), 'en');
    assert.equal(languageOfLocale('de-DE'), 'en');
    assert.equal(languageOfLocale(undefined), 'en');
  });

  it('a language-specific command wins and is remembered', () => {
    assert.deepEqual(chooseLanguage({ activityLocale: 'en-US', commandLanguage: 'sv' }), {
      language: 'sv',
      remember: 'sv',
    });
    assert.deepEqual(chooseLanguage({ activityLocale: 'en-US', commandLanguage: 'nl', remembered: 'sv' }), {
      language: 'nl',
      remember: 'nl',
    });
  });

  it('shared words keep the remembered choice, else the locale (the playground always sends en-US)', () => {
    assert.deepEqual(chooseLanguage({ activityLocale: 'en-US', remembered: 'sv' }), { language: 'sv' });
    assert.deepEqual(chooseLanguage({ activityLocale: 'nl-NL' }), { language: 'nl' });
  });

  it('reads language names in all three languages', () => {
    assert.equal(parseLanguageName('Svenska'), 'sv');
    assert.equal(parseLanguageName('dutch'), 'nl');
    assert.equal(parseLanguageName('engels'), 'en');
    assert.equal(parseLanguageName('klingon'), undefined);
  });
});

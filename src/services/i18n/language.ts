/** The languages the bot speaks. */
export const supportedLanguages = ['en', 'sv', 'nl'] as const;
export type Language = (typeof supportedLanguages)[number];

/** Maps a BCP 47 locale (`sv-SE`, `nl-BE`, `en-US`) to a supported language; English otherwise. */
export function languageOfLocale(locale: string | undefined): Language {
  const primary = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'sv' || primary === 'nl' ? primary : 'en';
}

/** Reads a language the person named ("sv", "svenska", "Dutch", "nederlands"…), if it is one we speak. */
export function parseLanguageName(text: string): Language | undefined {
  const names: Record<string, Language> = {
    en: 'en',
    english: 'en',
    engelska: 'en',
    engels: 'en',
    sv: 'sv',
    svenska: 'sv',
    swedish: 'sv',
    zweeds: 'sv',
    nl: 'nl',
    nederlands: 'nl',
    dutch: 'nl',
    nederländska: 'nl',
    holländska: 'nl',
  };
  return names[text.trim().toLowerCase()];
}

export interface LanguageChoiceInput {
  /** The activity's locale (Teams sends the client's; the Agents Playground always `en-US`). */
  activityLocale: string | undefined;
  /** Set when the typed command exists only in one language ("migrera kund X" is Swedish). */
  commandLanguage?: Language;
  /** What the person chose before (the language command, or an earlier language-specific command). */
  remembered?: Language;
}

/**
 * Which language to answer in (DESIGN §6): a command that only exists in one language switches to it;
 * otherwise the remembered choice; otherwise the activity's locale. Shared words ("help", "status")
 * carry no `commandLanguage` and so switch nothing.
 */
export function chooseLanguage(input: LanguageChoiceInput): { language: Language; remember?: Language } {
  if (input.commandLanguage) return { language: input.commandLanguage, remember: input.commandLanguage };
  return { language: input.remembered ?? languageOfLocale(input.activityLocale) };
}

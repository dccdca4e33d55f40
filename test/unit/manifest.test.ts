import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommand } from '../../src/services/i18n/commandParser.js';
import {
  buildAppPackage,
  packagedFiles,
  renderManifest,
  validateManifest,
} from '../../scripts/teamsAppPackage.js';

const values = {
  botId: 'b0700000-0000-4000-8000-000000000001',
  botDomain: 'bot.example.com',
  appVersion: '1.2.3',
};
/** The parts of the manifest these tests read (the generated type leaves bots loosely typed). */
interface BotParts {
  id: string;
  bots: { scopes: string[]; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
}
const rendered = () => renderManifest(values) as unknown as BotParts;

const manifestFile = (name: string) => new URL(`../../manifest/${name}`, import.meta.url);

function pngSize(name: string): { width: number; height: number } {
  const png = readFileSync(manifestFile(name));
  assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('Teams app manifest', () => {
  it('is valid against the bundled schema (offline) once filled in', async () => {
    assert.deepEqual(await validateManifest(renderManifest(values)), []);
    const manifest = rendered();
    assert.equal(manifest.id, values.botId);
    assert.deepEqual(manifest.bots[0]?.scopes, ['personal', 'team', 'groupChat']);
  });

  it('declares Teams SSO: webApplicationInfo names the bot and its App ID URI', async () => {
    const manifest = renderManifest(values) as unknown as {
      webApplicationInfo: { id: string; resource: string };
    };
    assert.deepEqual(manifest.webApplicationInfo, {
      id: values.botId,
      resource: `api://botid-${values.botId}`,
    });
    const withTab = renderManifest({ ...values, ssoAppIdUri: `api://bot.example.com/botid-${values.botId}` });
    assert.deepEqual(await validateManifest(withTab), []);
    assert.equal(
      (withTab as unknown as { webApplicationInfo: { resource: string } }).webApplicationInfo.resource,
      `api://bot.example.com/botid-${values.botId}`,
    );
  });

  it('the validator catches a broken manifest', async () => {
    const broken = renderManifest({ ...values, botId: 'not-a-guid' });
    assert.ok((await validateManifest(broken)).length > 0);
  });

  it('has a 192×192 color icon and a 32×32 outline icon', () => {
    assert.deepEqual(pngSize('color.png'), { width: 192, height: 192 });
    assert.deepEqual(pngSize('outline.png'), { width: 32, height: 32 });
  });

  it('every command in the lists is one the bot understands, in each language', () => {
    const lists = rendered().bots[0]?.commandLists ?? [];
    assert.ok(lists.length > 0, 'the bot has a command menu');
    const titles: Record<string, string[]> = {
      en: lists.flatMap((list) => list.commands.map((command) => command.title)),
    };
    for (const language of ['sv-se', 'nl-nl']) {
      const localized = JSON.parse(readFileSync(manifestFile(`${language}.json`), 'utf8')) as Record<
        string,
        string
      >;
      titles[language] = lists.flatMap((list, listIndex) =>
        list.commands.map((_, index) => {
          const title = localized[`bots[0].commandLists[${listIndex}].commands[${index}].title`];
          assert.ok(title, `${language} lacks command ${index} of list ${listIndex}`);
          return title;
        }),
      );
    }
    for (const [language, list] of Object.entries(titles)) {
      for (const title of list) {
        // A command picked from the menu arrives as its title followed by what the person adds.
        const text = /migr/.test(title)
          ? `${title} Contoso`
          : /^(language|språk|taal)$/.test(title)
            ? `${title} sv`
            : title;
        assert.notEqual(parseCommand(text).command.kind, 'unknown', `${language}: "${text}"`);
      }
    }
  });

  it('offers channel-only commands (reminders, approvals channel) only in teams, at most 10 per list', () => {
    for (const list of rendered().bots[0]?.commandLists ?? []) {
      assert.ok(list.commands.length <= 10, `${list.scopes.join(',')}: ${list.commands.length} commands`);
      const channelOnly = list.commands.filter((command) =>
        ['subscribe reminders', 'reminders', 'check now', 'set approvals channel'].includes(command.title),
      );
      if (!list.scopes.includes('team')) assert.deepEqual(channelOnly, []);
    }
  });

  it('packages the manifest with the icons and the localization files', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'e4-package-')), 'app.zip');
    await buildAppPackage(output, values);
    const zip = readFileSync(output);
    assert.equal(zip.readUInt32LE(0), 0x04034b50, 'a zip file');
    for (const name of ['manifest.json', ...packagedFiles]) assert.ok(zip.includes(Buffer.from(name)), name);
  });
});

import { readFileSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import yazl from 'yazl';

/**
 * The Teams app package: the manifest template filled with this deployment's values, validated offline
 * against the schema bundled in @microsoft/app-manifest (its other validators download schemas), and
 * zipped with the icons and the Swedish and Dutch localization files.
 */

export interface ManifestValues {
  /** The bot's Entra app id (also the Teams app id). */
  botId: string;
  /** Host name the bot is served from (no scheme), for the developer links and validDomains. */
  botDomain: string;
  /** Semantic version of the app package. */
  appVersion: string;
  /**
   * The bot's App ID URI, the audience of Teams' SSO tokens (`webApplicationInfo.resource`); the same as
   * the bot's `SSO_APP_ID_URI`. Default `api://botid-{botId}`.
   */
  ssoAppIdUri?: string;
}

const manifestFolder = new URL('../manifest/', import.meta.url);
export const packagedFiles = ['color.png', 'outline.png', 'sv-se.json', 'nl-nl.json'] as const;

/**
 * The manifest template with `${BOT_ID}`, `${BOT_DOMAIN}`, `${APP_VERSION}` and `${SSO_APP_ID_URI}`
 * filled in.
 */
export function renderManifest(values: ManifestValues): AppManifest {
  const template = readFileSync(new URL('manifest.template.json', manifestFolder), 'utf8');
  const filled = template
    .replaceAll('${BOT_ID}', values.botId)
    .replaceAll('${BOT_DOMAIN}', values.botDomain)
    .replaceAll('${APP_VERSION}', values.appVersion)
    .replaceAll('${SSO_APP_ID_URI}', values.ssoAppIdUri ?? `api://botid-${values.botId}`);
  return JSON.parse(filled) as AppManifest;
}

/** Schema errors of a manifest; empty when valid. Works offline (bundled schema). */
export async function validateManifest(manifest: AppManifest): Promise<string[]> {
  return AppManifestUtils.validateAgainstSchema(manifest);
}

/**
 * Writes the zip Teams admins upload.
 * @throws Error listing the schema errors when the filled manifest is invalid.
 */
export async function buildAppPackage(outputPath: string, values: ManifestValues): Promise<void> {
  const manifest = renderManifest(values);
  const errors = await validateManifest(manifest);
  if (errors.length > 0) throw new Error(`The Teams manifest is invalid:\n${errors.join('\n')}`);
  await mkdir(dirname(outputPath), { recursive: true });
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), 'manifest.json');
  for (const file of packagedFiles) zip.addFile(new URL(file, manifestFolder).pathname, file);
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(outputPath)).on('close', resolve).on('error', reject);
  });
}

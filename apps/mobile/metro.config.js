// Expo's defaults already understand npm workspaces (the contracts package is TypeScript source).
const path = require('node:path');
const { getDefaultConfig } = require('expo/metro-config');

const config = getDefaultConfig(__dirname);

// Without tree shaking, `export * as locales` in zod pulls every locale into the web bundle.
const ZOD_LOCALES = `${path.sep}zod${path.sep}v4${path.sep}locales${path.sep}index.js`;
const englishOnly = path.join(__dirname, 'metro', 'zod-locales.js');
config.resolver.resolveRequest = (context, moduleName, platform) => {
  const resolved = context.resolveRequest(context, moduleName, platform);
  if (resolved.type === 'sourceFile' && resolved.filePath.endsWith(ZOD_LOCALES))
    return { type: 'sourceFile', filePath: englishOnly };
  return resolved;
};

// Modules run when first used rather than all at start-up: a shorter first task on the web.
config.transformer.getTransformOptions = async () => ({
  transform: { experimentalImportSupport: false, inlineRequires: true },
});

module.exports = config;

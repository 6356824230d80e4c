// Expo's defaults already understand npm workspaces (the contracts package is TypeScript source).
const { getDefaultConfig } = require('expo/metro-config');

module.exports = getDefaultConfig(__dirname);

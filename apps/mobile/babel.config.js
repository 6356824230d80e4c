// jest-expo and Metro both read this; the preset is all the app needs.
module.exports = (api) => {
  api.cache(true);
  return { presets: ['babel-preset-expo'] };
};

// Jest for the mini-program: unit tests (a fake wx) and end-to-end journeys (the real backend).
const babel = ['babel-jest', {presets: [['@babel/preset-env', {targets: {node: 'current'}}]]}];

const common = {
  testEnvironment: 'jsdom',
  // tdesign ships ES modules in miniprogram_npm (DevTools compiles them); jest needs CommonJS.
  transform: {'miniprogram_npm/.+\\.js$': babel},
  // WeChat resolves bare imports (tslib) from the nearest miniprogram_npm folder.
  moduleDirectories: ['node_modules', 'miniprogram_npm'],
};

module.exports = {
  // The first test of a run compiles every template with wcc and transforms tdesign: allow for it.
  // (A project's own testTimeout is ignored; only the top level counts.)
  testTimeout: 30000,
  projects: [
    Object.assign({}, common, {displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.js']}),
    Object.assign({}, common, {
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.js'],
      globalSetup: '<rootDir>/tests/e2e/global-setup.js',
      globalTeardown: '<rootDir>/tests/e2e/global-teardown.js',
    }),
  ],
};

// eslint for the mini-program (part of `make lint`): WeChat globals in the app, node and jest
// in tests and scripts; miniprogram_npm is built output.
const js = require('@eslint/js');
const globals = require('globals');

const wechat = {
  wx: 'readonly',
  App: 'readonly',
  Page: 'readonly',
  Component: 'readonly',
  Behavior: 'readonly',
  getApp: 'readonly',
  getCurrentPages: 'readonly',
};

module.exports = [
  {ignores: ['node_modules/**', 'miniprogram_npm/**', 'coverage/**']},
  js.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'commonjs',
      globals: Object.assign({}, wechat, {
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      }),
    },
    rules: {
      'no-unused-vars': ['error', {args: 'after-used', caughtErrors: 'none'}],
      eqeqeq: ['error', 'always'],
      'no-var': 'error',
      'prefer-const': 'error',
      // Requests go through utils/request.js only (one place for tokens, retries and toasts).
      'no-restricted-properties': [
        'error',
        {object: 'wx', property: 'request', message: 'Use utils/request.js.'},
        {object: 'wx', property: 'uploadFile', message: 'Use utils/request.js (upload).'},
      ],
    },
  },
  {
    files: ['utils/request.js'],
    rules: {'no-restricted-properties': 'off'},
  },
  {
    files: ['tests/**/*.js', 'scripts/**/*.js', '*.config.js'],
    languageOptions: {globals: Object.assign({}, globals.node, globals.jest, globals.browser)},
    rules: {'no-restricted-properties': 'off'},
  },
];

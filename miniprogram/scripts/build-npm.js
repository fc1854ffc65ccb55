// Build miniprogram_npm/ from node_modules without WeChat DevTools (what 工具 → 构建 npm does):
// miniprogram-ci's packNpmManually copies each dependency's miniprogram build, offline.
const path = require('path');
const ci = require('miniprogram-ci');

const root = path.resolve(__dirname, '..');

ci.packNpmManually({
  packageJsonPath: path.join(root, 'package.json'),
  miniprogramNpmDistDir: root,
})
  .then((result) => {
    if (result.warnList && result.warnList.length) console.warn(result.warnList);
    console.log(`miniprogram_npm: ${result.miniProgramPackNum} package(s) built`);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });

// pcf-scripts lints each control folder during the build and refuses to run without a config here.
export { default } from '../eslint.config.mjs';

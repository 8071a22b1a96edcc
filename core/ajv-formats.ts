// ajv-formats, imported once. The package is CommonJS that sets both `module.exports` and
// `module.exports.default` to the plugin; under NodeNext a default import is `module.exports`, typed
// as the module's namespace, so `.default` is the plugin both at run time and to the type checker.
import formatsModule from 'ajv-formats';

export const addFormats = formatsModule.default;

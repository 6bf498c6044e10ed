// Stands in for exceljs in the web build (esbuild.mjs): the XLSX workbook is
// written by the desktop build and the CLI; loading it here says so, and the
// export command shows this message.
throw new Error('XLSX export is not available in the web build of Policy Lens: export CSV tables instead, or use desktop VS Code or the CLI');

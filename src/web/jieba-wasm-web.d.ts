// jieba-wasm's web build by its package's export name ("jieba-wasm/web"),
// which the project's module resolution (node10) does not read from `exports`.
declare module 'jieba-wasm/web' {
  export * from 'jieba-wasm/pkg/web/jieba_rs_wasm';
}

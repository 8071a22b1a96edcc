import { loadContracts } from './loader/index.ts';
try { const l = loadContracts({ expect: 'current' }); console.log(l.byId('huaweicloud.evs.ListSnapshots').id, l.byId('huaweicloud.evs.ShowSnapshot').id); } catch (e) { console.log((e as Error).message.slice(0, 3000)); }

import { loadContracts } from './loader/index.ts';
try { const l = loadContracts({ expect: 'current' }); console.log(l.byId('aliyun.ecs.DescribeSnapshotGroups').id); } catch (e) { console.log((e as Error).message.slice(0, 3000)); }

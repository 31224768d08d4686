import { PrismaPg } from "@prisma/adapter-pg";

// For the Prisma CLI only (prisma.config.ts). The JS schema engine reads PostgreSQL's catalog,
// whose columns are of type `name`, and @prisma/adapter-pg 6.19 refuses that type, so every
// migrate command fails ("Column type 'name' could not be deserialized",
// https://github.com/prisma/prisma/issues/27403). `name` is text of at most 63 bytes: the
// rows are reported as text. The app never reads catalog columns and uses the plain adapter.
const NAME_OID = 19;
const TEXT_OID = 25;

type Field = { dataTypeID: number };
type Queryable = { performIO(query: unknown): Promise<{ fields: Field[] }> };
const patched = new WeakSet<object>();

function reportNameAsText(adapter: object): void {
  // performIO lives on the class both the adapter and its transactions extend.
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as Queryable;
  if (patched.has(proto)) return;
  patched.add(proto);
  const performIO = proto.performIO;
  proto.performIO = async function (this: Queryable, query: unknown) {
    const result = await performIO.call(this, query);
    for (const f of result.fields) if (f.dataTypeID === NAME_OID) f.dataTypeID = TEXT_OID;
    return result;
  };
}

export class PrismaPgForCli extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    reportNameAsText(adapter);
    return adapter;
  }

  override async connectToShadowDb() {
    const adapter = await super.connectToShadowDb();
    reportNameAsText(adapter);
    return adapter;
  }
}

// The peer of the Uitweg benchmark (docs/performance.md): what people would pick instead.
// A Socket.IO 4.8 server with the Redis adapter and no business logic: a client joins
// the room of its pair and every "m" it emits goes to the other member of that room,
// wherever in the cluster it is connected.
// Usage: node server.js PORT REDIS_URL
const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/redis-adapter");
const { createClient } = require("redis");

const port = Number(process.argv[2]);
const redisUrl = process.argv[3];

async function main() {
  const pub = createClient({ url: redisUrl });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  const io = new Server({ adapter: createAdapter(pub, sub), transports: ["websocket"], serveClient: false });
  io.on("connection", (socket) => {
    socket.on("join", (room) => {
      socket.data.room = room;
      socket.join(room);
      socket.emit("joined", room);
    });
    socket.on("m", (text) => {
      socket.to(socket.data.room).emit("m", text);
    });
  });
  io.listen(port);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

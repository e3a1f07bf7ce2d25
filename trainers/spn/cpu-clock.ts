/**
 * Milliseconds of CPU time this process has used (user + system). Training budgets are counted on
 * this clock, not the wall clock: on a shared machine the wall clock charges a chain for other
 * jobs' time slices, which made the structure search rank candidates by how loaded the machine
 * was while each ran. On an idle machine the single-threaded trainer's CPU time tracks wall time.
 */
export function cpuMilliseconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

# keyhole.py - gdb commands that show keyhole's state while it is stopped.
#
#   kh-ps                   the tasks: pid, state, comm, parent, mm
#   kh-ipcs [NS]            the System V shared memory segments of an IPC
#                           namespace (default: the current task's, else
#                           init_ipc_ns): id, key, owner, perms, bytes,
#                           nattch, status
#   kh-shm ID [NS]          one segment: its fields and its pages (page
#                           index -> physical address), from its shmem file
#
# NS is any gdb expression for a struct ipc_namespace * (for example
# `current_task->nsproxy->ipc_ns`). tools/gdb/session loads this file.
# The walks mirror the C code: idr_walk() is lib/idr.c's tree, seen from
# outside.

import gdb

IPC_SHM_IDS = 2
IPCMNI_SHIFT = 15
SHM_DEST = 0o1000
SHM_LOCKED = 0o2000
PAGE_OFFSET = 0xffff888000000000


def idr_walk(idr):
    """Yield (id, entry) for every non-NULL entry of a struct idr, in order."""
    def walk(node, base):
        if int(node) == 0:
            return
        shift = int(node["shift"])
        for i in range(64):
            slot = node["slots"][i]
            if int(slot) == 0:
                continue
            if shift == 0:
                yield base + i, slot
            else:
                child = slot.cast(node.type)
                yield from walk(child, base + (i << shift))
    yield from walk(idr["idr_top"], 0)


def current_ns():
    try:
        task = gdb.parse_and_eval("current_task")
        if int(task) and int(task["nsproxy"]):
            return task["nsproxy"]["ipc_ns"]
    except gdb.error:
        pass
    return gdb.parse_and_eval("&init_ipc_ns")


def ns_from_arg(arg):
    return gdb.parse_and_eval(arg) if arg.strip() else current_ns()


def segments(ns):
    shm_type = gdb.lookup_type("struct shmid_kernel").pointer()
    ids = ns["ids"][IPC_SHM_IDS]
    for idx, entry in idr_walk(ids["ipcs_idr"]):
        yield idx, entry.cast(shm_type)


class KhPs(gdb.Command):
    """List keyhole's tasks: kh-ps"""

    def __init__(self):
        super().__init__("kh-ps", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        init = gdb.parse_and_eval("&init_task")
        task_type = gdb.lookup_type("struct task_struct")
        offset = int(gdb.parse_and_eval("&((struct task_struct *)0)->tasks"))
        print("%5s %5s %-6s %-16s %s" % ("PID", "PPID", "STATE", "COMM", "MM"))
        head = init["tasks"].address
        node = init["tasks"]["next"]
        tasks = [init]
        while int(node) != int(head):
            tasks.append(gdb.Value(int(node) - offset).cast(task_type.pointer()))
            node = node["next"]
        for t in tasks:
            parent = t["parent"]
            ppid = int(parent["pid"]) if int(parent) else 0
            state = int(t["state"])
            name = {0: "R", 1: "S", 2: "D", 0x80: "dead"}.get(state, hex(state))
            if int(t["exit_state"]) == 0x20:
                name = "Z"
            print("%5d %5d %-6s %-16s %s" % (int(t["pid"]), ppid, name,
                                             t["comm"].string(), t["mm"]))


class KhIpcs(gdb.Command):
    """List the shared memory segments of an IPC namespace: kh-ipcs [NS]"""

    def __init__(self):
        super().__init__("kh-ipcs", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        ns = ns_from_arg(arg)
        ids = ns["ids"][IPC_SHM_IDS]
        print("namespace %s: %d segment(s), %d page(s) in all" %
              (ns, int(ids["in_use"]), int(ns["shm_tot"])))
        print("%-10s %-10s %-6s %-6s %-10s %-6s %s" %
              ("shmid", "key", "owner", "perms", "bytes", "nattch", "status"))
        for idx, shp in segments(ns):
            perm = shp["shm_perm"]
            mode = int(perm["mode"])
            status = " ".join(s for bit, s in ((SHM_DEST, "dest"), (SHM_LOCKED, "locked"))
                              if mode & bit)
            print("%-10d 0x%08x %-6d %-6o %-10d %-6d %s" %
                  (int(perm["id"]), int(perm["key"]) & 0xffffffff, int(perm["uid"]),
                   mode & 0o777, int(shp["shm_segsz"]), int(shp["shm_nattch"]), status))


class KhShm(gdb.Command):
    """Show one shared memory segment and its pages: kh-shm ID [NS]"""

    def __init__(self):
        super().__init__("kh-shm", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        args = arg.split(None, 1)
        if not args:
            raise gdb.GdbError("usage: kh-shm ID [NS]")
        want = int(gdb.parse_and_eval(args[0]))
        ns = ns_from_arg(args[1] if len(args) > 1 else "")
        for idx, shp in segments(ns):
            if int(shp["shm_perm"]["id"]) != want:
                continue
            print(shp.dereference())
            inode = shp["shm_file"]["f_inode"]
            info_type = gdb.lookup_type("struct shmem_inode_info").pointer()
            info = inode.cast(info_type)        # vfs_inode is its first field
            mem_map = int(gdb.parse_and_eval("mem_map"))
            page_size = int(gdb.parse_and_eval("sizeof(struct page)"))
            print("pages (index: physical address, refcount):")
            count = 0
            for index, page in idr_walk(info["pages"]):
                pfn = (int(page) - mem_map) // page_size
                page_struct = page.cast(gdb.lookup_type("struct page").pointer())
                print("  %6d: 0x%012x  refs %d" % (index, pfn << 12,
                                                  int(page_struct["refcount"])))
                count += 1
            print("%d page(s) touched of %d" % (count, (int(shp["shm_segsz"]) + 4095) // 4096))
            return
        raise gdb.GdbError("no segment with id %d in that namespace" % want)


KhPs()
KhIpcs()
KhShm()

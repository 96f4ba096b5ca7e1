# keyhole.py - gdb commands that show keyhole's state while it is stopped.
#
#   kh-ps                   the tasks: pid, state, comm, parent, mm
#   kh-ipcs [NS]            the System V shared memory segments of an IPC
#                           namespace (default: the current task's, else
#                           init_ipc_ns): id, key, owner, perms, bytes,
#                           nattch, status
#   kh-shm ID [NS]          one segment: its fields and its pages (page
#                           index -> physical address), from its shmem
#                           file's page cache
#   kh-sems [NS]            the semaphore sets: values, the sleeping semop
#                           calls (pid, operations) on each queue, and the
#                           SEM_UNDO records (holder pids, adjustments)
#   kh-msgs [NS]            the message queues: their messages (type, size),
#                           sleeping receivers and senders
#
# NS is any gdb expression for a struct ipc_namespace * (for example
# `current_task->nsproxy->ipc_ns`). tools/gdb/session loads this file.
# The walks mirror the C code: idr_walk() is lib/idr.c's tree, seen from
# outside.

import gdb

IPC_SEM_IDS = 0
IPC_MSG_IDS = 1
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


def all_tasks():
    """init_task, then every task on its tasks list (kernel/sched.c)."""
    init = gdb.parse_and_eval("&init_task")
    task_type = gdb.lookup_type("struct task_struct")
    offset = int(gdb.parse_and_eval("&((struct task_struct *)0)->tasks"))
    head = init["tasks"].address
    node = init["tasks"]["next"]
    tasks = [init]
    while int(node) != int(head):
        tasks.append(gdb.Value(int(node) - offset).cast(task_type.pointer()))
        node = node["next"]
    return tasks


class KhPs(gdb.Command):
    """List keyhole's tasks: kh-ps"""

    def __init__(self):
        super().__init__("kh-ps", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        print("%5s %5s %-6s %-16s %s" % ("PID", "PPID", "STATE", "COMM", "MM"))
        for t in all_tasks():
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
            mapping = inode["i_mapping"]        # its page cache (mm/filemap.c)
            mem_map = int(gdb.parse_and_eval("mem_map"))
            page_size = int(gdb.parse_and_eval("sizeof(struct page)"))
            print("pages (index: physical address, refcount):")
            count = 0
            for index, page in idr_walk(mapping["i_pages"]):
                pfn = (int(page) - mem_map) // page_size
                page_struct = page.cast(gdb.lookup_type("struct page").pointer())
                print("  %6d: 0x%012x  refs %d" % (index, pfn << 12,
                                                  int(page_struct["_refcount"]["counter"])))
                count += 1
            print("%d page(s) touched of %d" % (count, (int(shp["shm_segsz"]) + 4095) // 4096))
            return
        raise gdb.GdbError("no segment with id %d in that namespace" % want)


def list_entries(head, type_name, member):
    """Yield the objects of a struct list_head list, as C's list_for_each_entry."""
    ptr_type = gdb.lookup_type(type_name).pointer()
    offset = int(gdb.parse_and_eval("&((%s *)0)->%s" % (type_name, member)))
    node = head["next"]
    while int(node) != int(head.address):
        yield gdb.Value(int(node) - offset).cast(ptr_type)
        node = node["next"]


def objects(ns, which, type_name):
    ptr_type = gdb.lookup_type(type_name).pointer()
    for idx, entry in idr_walk(ns["ids"][which]["ipcs_idr"]):
        yield entry.cast(ptr_type)


def describe_sem_queue(q):
    ops = []
    for k in range(int(q["nsops"])):
        sop = q["sops"][k]
        ops.append("sem %d op %+d%s" % (int(sop["sem_num"]), int(sop["sem_op"]),
                                         " undo" if int(sop["sem_flg"]) & 0x1000 else ""))
    return "pid %d: %s" % (int(q["pid"]), ", ".join(ops))


class KhSems(gdb.Command):
    """List the semaphore sets of an IPC namespace, their sleepers and undo records: kh-sems [NS]"""

    def __init__(self):
        super().__init__("kh-sems", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        ns = ns_from_arg(arg)
        for sma in objects(ns, IPC_SEM_IDS, "struct sem_array"):
            perm = sma["sem_perm"]
            n = int(sma["sem_nsems"])
            vals = [int(sma["sems"][i]["semval"]) for i in range(n)]
            print("semid %d key 0x%08x owner %d perms %o: values %s" %
                  (int(perm["id"]), int(perm["key"]) & 0xffffffff, int(perm["uid"]),
                   int(perm["mode"]) & 0o777, vals))
            for i in range(n):
                for kind in ("pending_alter", "pending_const"):
                    for q in list_entries(sma["sems"][i][kind], "struct sem_queue", "list"):
                        print("  sem %d %s: %s" % (i, kind, describe_sem_queue(q)))
            for kind in ("pending_alter", "pending_const"):
                for q in list_entries(sma[kind], "struct sem_queue", "list"):
                    print("  set %s: %s" % (kind, describe_sem_queue(q)))
            for un in list_entries(sma["list_id"], "struct sem_undo", "list_id"):
                adj = [int(un["semadj"][i]) for i in range(n)]
                print("  undo (pid %s): semadj %s" % (undo_holders(un["ulp"]), adj))


def undo_holders(ulp):
    """The pids of the tasks whose sysvsem.undo_list is ulp (several after
    CLONE_SYSVSEM), as "3" or "3, 4"."""
    pids = [str(int(t["pid"])) for t in all_tasks()
            if int(t["sysvsem"]["undo_list"]) == int(ulp)]
    return ", ".join(pids) or "none"


# msg_receiver.r_mode: how msgrcv's msgtyp picks a message (ipc/msg.c).
SEARCH_MODES = {1: "any", 2: "equal", 3: "notequal", 4: "lessequal", 5: "number"}


class KhMsgs(gdb.Command):
    """List the message queues of an IPC namespace: kh-msgs [NS]"""

    def __init__(self):
        super().__init__("kh-msgs", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        ns = ns_from_arg(arg)
        for msq in objects(ns, IPC_MSG_IDS, "struct msg_queue"):
            perm = msq["q_perm"]
            print("msqid %d key 0x%08x owner %d perms %o: %d message(s), %d/%d bytes" %
                  (int(perm["id"]), int(perm["key"]) & 0xffffffff, int(perm["uid"]),
                   int(perm["mode"]) & 0o777, int(msq["q_qnum"]), int(msq["q_cbytes"]),
                   int(msq["q_qbytes"])))
            for m in list_entries(msq["q_messages"], "struct msg_msg", "m_list"):
                print("  message: type %d, %d bytes" % (int(m["m_type"]), int(m["m_ts"])))
            for r in list_entries(msq["q_receivers"], "struct msg_receiver", "r_list"):
                mode = int(r["r_mode"])
                print("  receiver pid %d: type %d (%s), up to %d bytes" %
                      (int(r["r_tsk"]["pid"]), int(r["r_msgtype"]),
                       SEARCH_MODES.get(mode, "mode %d" % mode), int(r["r_maxsize"])))
            for snd in list_entries(msq["q_senders"], "struct msg_sender", "list"):
                print("  sender pid %d: %d bytes waiting for room" %
                      (int(snd["tsk"]["pid"]), int(snd["msgsz"])))


KhPs()
KhIpcs()
KhShm()
KhSems()
KhMsgs()

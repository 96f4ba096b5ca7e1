# tools.sh - Debian's everyday programs, one or two uses each, run by
# Debian's bash on keyhole and, for the oracle, on Linux in a chroot of the
# very same tree (tools/image-checks, debian-tools-match-linux), so that
# the two outputs can be compared line by line: a line that differs names
# the program that does not work on keyhole yet. A program whose output
# depends on the machine (memory, mounts, processes, times) prints only
# what cannot differ, or its exit status.

t() {   # t NAME COMMAND...: run it, prefix each line of its output
	local name=$1 out st
	shift
	out=$("$@" 2>&1)
	st=$?
	printf '%s\n' "$out" | sed "s|^|$name: |"
	echo "$name: status $st"
}
s() {   # s NAME COMMAND...: only the exit status (output differs by machine)
	local name=$1 st
	shift
	"$@" > /dev/null 2>&1
	st=$?
	echo "$name: status $st"
}

export LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
cd "$(mktemp -d /tmp/tools.XXXXXX)" || exit 1
work=$PWD
printf 'banana\napple\ncherry\napple\n' > fruit
printf 'one\ntwo\n' > a
printf 'one\nthree\n' > b

# coreutils
t ls ls -l --time-style=+ /etc/passwd /etc/group
t ls-count sh -c 'ls -l /usr/bin | grep -c ^-'
t ls-dir ls -a "$work"
t cat cat fruit
t sort sort fruit
t uniq sh -c 'sort fruit | uniq -c'
t wc wc fruit
t head head -n 2 fruit
t tail tail -n 1 fruit
t cut cut -c 1-3 fruit
t tr tr a-z A-Z < fruit
t tac tac fruit
t nl nl fruit
t paste paste a b
t join join a b
t comm comm a b
t md5sum md5sum fruit
t sha256sum sha256sum fruit
t base64 base64 fruit
t od od -c a
t seq seq 3
t expr expr 6 \* 7
t printf printf '%05d|%-4s|%x\n' 42 ab 255
t date date -u -d @0 '+%Y-%m-%d %H:%M:%S'
t basename basename /usr/bin/bash
t dirname dirname /usr/bin/bash
t realpath realpath /bin/sh
t readlink readlink -f /bin/sh
t stat sh -c "stat -c '%n %s %F %a %U %G' fruit; stat -c '%n %F %a %U %G' /usr/bin"
t touch sh -c 'touch -d @86400 t && stat -c %Y t'
t cp sh -c 'cp fruit f2 && cmp fruit f2 && echo same'
t mv sh -c 'mv f2 f3 && ls f3'
t ln sh -c 'ln -s fruit l && readlink l && cat l | head -n 1'
t link sh -c 'ln fruit hard && stat -c %h fruit'
t rm sh -c 'rm f3 l hard && ls'
t mkdir sh -c 'mkdir -p x/y/z && rmdir -p x/y/z && echo ok'
t chmod sh -c 'chmod 640 fruit && stat -c %a fruit'
t chown sh -c 'chown 1:1 fruit && stat -c "%u %g %U %G" fruit'
t id id
t whoami whoami
t groups groups
t uname uname -m
t env env -i A=1 B=2
t true true
t false false
t echo echo -e 'a\tb'
t test sh -c 'test -d /tmp && [ -x /bin/sh ] && echo yes'
t sleep sleep 0.1
t timeout timeout 0.2 sleep 5
t yes sh -c 'yes | head -n 2'
t dd sh -c 'dd if=/dev/zero bs=512 count=4 2>/dev/null | wc -c'
t mktemp sh -c 'f=$(mktemp) && test -f "$f" && rm "$f" && echo made'
t sync sync
t df-header sh -c 'df -h / | head -n 1'
t du sh -c 'du -s --apparent-size -b fruit'
s nproc nproc
s tty tty
s stty stty -a

# text tools
t grep grep -n an fruit
t grep-E grep -cE '^(a|c)' fruit
t sed sed -e 's/a/A/g' -e '2d' fruit
t awk awk '{ n[$1]++ } END { for (k in n) c++; print c, NR }' fruit
t mawk mawk -F: '$3 == 0 { print $1, $7 }' /etc/passwd
t find find /etc -maxdepth 1 -name 'pass*'
t xargs sh -c 'printf "1\n2\n3\n" | xargs echo'
t diff diff a b
t cmp cmp a b
t less less -F fruit
t dash dash -c 'echo $((1+2)); x=y; echo ${x}z'
t bash bash -c 'echo ${BASH_VERSINFO[0]}; declare -A m=([k]=v); echo ${m[k]}'

# procps, psmisc
t ps ps -o comm= -p $$
s ps-aux ps aux
s ps-ef ps -ef
s top top -b -n 1
t free-header sh -c 'free -m | head -n 1'
s free free -h
s uptime uptime
t pgrep sh -c 'sleep 5 & p=$!; pgrep -x sleep > /dev/null && echo found; kill $p'
t pkill sh -c 'sleep 5 & pkill -x sleep; wait; echo "status $?"'
t kill sh -c 'sleep 5 & kill -TERM $!; wait $!; echo "status $?"'
t sysctl sysctl kernel.shmmni kernel.msgmnb
s pstree pstree
s vmstat vmstat

# util-linux, mount
t ipcmk sh -c 'id=$(ipcmk -Q | awk "{print \$NF}"); ipcs -q -i $id | grep -c "msqid"; ipcrm -q $id && echo removed'
t ipcs-header sh -c 'ipcs -m | head -n 3'
s lsipc lsipc
t unshare sh -c 'ipcmk -M 4096 > /dev/null; unshare -i ipcs -m | grep -c 0x; ipcrm -a'
s nsenter nsenter -t $$ -i true
t setsid setsid -w sh -c 'echo in a new session'
s dmesg dmesg
s mount mount
t mount-proc sh -c 'mount | grep -c " /proc "'
s findmnt findmnt
t flock sh -c 'flock f -c "echo locked"'
t rev sh -c 'echo abc | rev'
t getopt getopt -o ab: -- -a -b x y
t hostname hostname
t tput sh -c 'TERM=vt100 tput cols 2>&1; TERM=linux tput colors'
s clear env TERM=linux clear

cd / && rm -rf "$work"
echo "== done"

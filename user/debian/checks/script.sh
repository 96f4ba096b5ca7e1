# script.sh - one bash script that a student's day at the prompt is made
# of, run by Debian's bash on keyhole and by the host's bash on Linux; the
# harness check bash-script-matches-linux (tools/image-checks) compares the
# two outputs byte for byte. Every line it prints is the same on any
# machine: no pid, no time, no size of memory or disk.
#
# It works in a directory of its own under $TMPDIR (or /tmp) and removes it.

set -u
cd "$(mktemp -d "${TMPDIR:-/tmp}/script.XXXXXX")" || exit 1
work=$PWD

echo "== pipes, with a dynamically linked tool in every stage"
printf '%s\n' pear apple fig apple banana | sort | uniq -c | sort -rn | head -n 2 | awk '{print $2 "=" $1}'
seq 1 20 | grep 1 | tr '\n' ' ' | sed 's/ $/\n/'
echo "one two three" | cut -d' ' -f2 | rev

echo "== command substitution, && and ||"
x=$(echo hi) && echo "x is $x"
false && echo "not printed" || echo "false, so the right side"
n=$(seq 5 | wc -l)
echo "lines: $n"
echo "nested: $(echo "$(echo inner)")"

echo "== redirections"
ls /nonexistent-file-for-keyhole 2>&1 | sed 's/^ls: //'
{ echo to-stdout; echo to-stderr >&2; } 2>&1 | sort
echo first > f.txt
echo second >> f.txt
cat < f.txt
wc -l < f.txt
echo "gone" > /dev/null
cat /dev/null | wc -c

echo "== globbing"
touch a.c b.c c.h "with space.c"
echo *.c
echo ?.h
for f in *.c; do echo "file: $f"; done
shopt -s nullglob
echo none: *.xyz
shopt -u nullglob

echo "== here-document and read"
cat <<END
home is not printed, but this line is: $((6 * 7))
  indented stays indented
END
while read -r name value; do
	echo "read: $name -> $value"
done <<'END'
alpha 1
beta two words
END
IFS=: read -r a b c <<< "x:y:z"
echo "IFS read: $a $b $c"

echo "== arithmetic and variables"
i=0
total=0
while [ $i -lt 10 ]; do
	total=$((total + i * i))
	i=$((i + 1))
done
echo "sum of squares: $total"
echo "hex: $((0xff)), mod: $((17 % 5)), shift: $((1 << 10))"
s="hello, world"
echo "${#s} ${s%%,*} ${s#*, } ${s/world/keyhole}"
arr=(one two three)
echo "array: ${#arr[@]} ${arr[1]} ${arr[*]}"

echo "== a function"
fact() {
	local n=$1
	if [ "$n" -le 1 ]; then
		echo 1
	else
		echo $((n * $(fact $((n - 1)))))
	fi
}
echo "10! = $(fact 10)"
greet() { echo "hello $1, $# args"; return 3; }
greet student a b
echo "status $?"

echo "== files: mv, ln -s, touch, cp, rm, mkdir"
mkdir -p d/e
touch d/e/new
mv f.txt d/moved.txt
ln -s d/moved.txt link
cat link
readlink link
[ -L link ] && echo "link is a symlink"
cp link d/copy.txt
ls d
ls -l link | awk '{print $1, $NF}'
stat -c '%s %F' d/moved.txt
rm -r d link
ls

echo "== system tools"
free | head -n 1 | tr -s ' '
df -h / | head -n 1 | tr -s ' '
ps -o comm= -p $$
uname -m
id -un
sysctl -n kernel.shmmni

echo "== job control: a background job stopped with SIGTSTP and resumed"
set -m
sleep 30 &
pid=$!
kill -TSTP %1
sleep 0.2
jobs | sed 's/  */ /g'
kill -CONT %1
sleep 0.2
jobs | sed 's/  */ /g'
kill %1
wait $pid
echo "wait status: $?"
set +m

cd / && rm -rf "$work"
echo "== done"

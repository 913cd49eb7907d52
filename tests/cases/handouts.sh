# The handouts of this tree (labs/README.md): each lab's alone, with the
# labs that require it, and all labs' together are written from the working
# tree; each is one clean commit with nothing of its labs' solution left,
# builds and runs the default apps with GCC and LLVM=1, and scores 0 on its
# labs with every test failing and the grader intact
# (tools/check_handouts.sh light; `make test-handouts` runs the handouts'
# whole make test instead).
exec tools/check_handouts.sh light

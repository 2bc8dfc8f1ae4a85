/* Workload: an integer mix in the spirit of Dhrystone (our own code): records
 * linked by pointers, an enum switch, short procedure calls, fixed-size string
 * copy and compare, 1-D and 2-D array indexing, multiply and divide. */
#include "bench.h"

typedef enum { RED, GREEN, BLUE, CYAN, MAGENTA } colour;

typedef struct node {
    struct node *next;
    colour col;
    int value;
    int weight;
    char label[24];
} node;

static node nodes[8];
static int table1[64];
static int table2[16][16];
static char text_a[24], text_b[24];

static colour shift_colour(colour c, int k)
{
    switch (c) {
    case RED:
        return k > 2 ? BLUE : GREEN;
    case GREEN:
        return k & 1 ? CYAN : RED;
    case BLUE:
        return MAGENTA;
    case CYAN:
        return k == 0 ? RED : BLUE;
    default:
        return GREEN;
    }
}

static int same_text(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

static void copy_label(char *dst, const char *src)
{
    while ((*dst++ = *src++))
        ;
}

static int visit(node *n, int depth)
{
    int acc = 0;
    for (int i = 0; i < depth && n; i++, n = n->next) {
        n->col = shift_colour(n->col, i);
        n->value += n->weight * (int)n->col;
        acc += n->value & 0xFF;
    }
    return acc;
}

static void fill_tables(int seed)
{
    for (int i = 0; i < 64; i++)
        table1[i] = (seed + i) * 3;
    for (int i = 0; i < 16; i++)
        table2[i][(seed + i) & 15] = table1[(i * 4) & 63] - i;
}

int guest_main(int argc, char **argv)
{
    int rounds = bench_scale(argc, argv, 1) * 2000;
    for (int i = 0; i < 8; i++) {
        nodes[i].next = &nodes[(i + 3) & 7];
        nodes[i].col = (colour)(i % 5);
        nodes[i].value = i * 7;
        nodes[i].weight = i + 1;
        copy_label(nodes[i].label, "TANDEM NODE LABEL");
    }
    copy_label(text_a, "INTEGER MIX, FIRST");
    u32 check_sum = 0;
    for (int r = 0; r < rounds; r++) {
        copy_label(text_b, (r & 1) ? "INTEGER MIX, FIRST" : "INTEGER MIX, SECOND");
        int same = same_text(text_a, text_b);
        int a = r % 17, b = (r * 5) % 13 + 1;
        int c = a * b + r / b - (a << 2);
        c = c / (b + 1) + c % 7;
        fill_tables(r & 31);
        int v = visit(&nodes[r & 7], 5);
        check_sum += (u32)(same + c + v + table2[r & 15][(r >> 4) & 15]);
        if (nodes[r & 7].label[r % 17] == 'N')
            check_sum ^= (u32)r;
    }
    printf("dhry: rounds=%d checksum=%08x\n", rounds, check_sum);
    return 0;
}
